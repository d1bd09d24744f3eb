using Microsoft.Extensions.Options;

namespace Locksmith.Redis.Internal;

internal sealed class RedisBackendOptionsValidator : IValidateOptions<RedisBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisBackendOptions options)
    {
        var problems = options.GetProblems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
