global using Locksmith.Redis.Bulk;
global using Locksmith.Testing;
global using Xunit;
