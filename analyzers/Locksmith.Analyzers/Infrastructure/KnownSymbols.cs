using Microsoft.CodeAnalysis;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>The types the rules recognise, resolved once per compilation; any may be null when not referenced.</summary>
    internal sealed class KnownSymbols
    {
        public KnownSymbols(Compilation compilation)
        {
            Database = compilation.GetTypeByMetadataName("StackExchange.Redis.IDatabase");
            DatabaseAsync = compilation.GetTypeByMetadataName("StackExchange.Redis.IDatabaseAsync");
            When = compilation.GetTypeByMetadataName("StackExchange.Redis.When");
            ValueCondition = compilation.GetTypeByMetadataName("StackExchange.Redis.ValueCondition");
            Expiration = compilation.GetTypeByMetadataName("StackExchange.Redis.Expiration");
            LuaScript = compilation.GetTypeByMetadataName("StackExchange.Redis.LuaScript");
            RedisKey = compilation.GetTypeByMetadataName("StackExchange.Redis.RedisKey");
            Transaction = compilation.GetTypeByMetadataName("StackExchange.Redis.ITransaction");
            Batch = compilation.GetTypeByMetadataName("StackExchange.Redis.IBatch");
            DistributedLock = compilation.GetTypeByMetadataName("Locksmith.DistributedLockAttribute");
            Semaphore = compilation.GetTypeByMetadataName("Locksmith.SemaphoreAttribute");
            QueuedBy = compilation.GetTypeByMetadataName("Locksmith.QueuedByAttribute");
            ClusterSingleton = compilation.GetTypeByMetadataName("Locksmith.ClusterSingletonAttribute");
            ReadLock = compilation.GetTypeByMetadataName("Locksmith.ReadLockAttribute");
            WriteLock = compilation.GetTypeByMetadataName("Locksmith.WriteLockAttribute");
            ReaderWriterLockProvider = compilation.GetTypeByMetadataName("Locksmith.IReaderWriterLockProvider");
            RateLimit = compilation.GetTypeByMetadataName("Locksmith.RateLimitAttribute");
            LockProvider = compilation.GetTypeByMetadataName("Locksmith.ILockProvider");
            SemaphoreProvider = compilation.GetTypeByMetadataName("Locksmith.ISemaphoreProvider");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            Timeout = compilation.GetTypeByMetadataName("System.Threading.Timeout");
            Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
            AsyncEnumerator = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerator`1");
        }

        public INamedTypeSymbol? Database { get; }

        public INamedTypeSymbol? DatabaseAsync { get; }

        public INamedTypeSymbol? When { get; }

        public INamedTypeSymbol? ValueCondition { get; }

        public INamedTypeSymbol? Expiration { get; }

        public INamedTypeSymbol? LuaScript { get; }

        public INamedTypeSymbol? RedisKey { get; }

        public INamedTypeSymbol? Transaction { get; }

        public INamedTypeSymbol? Batch { get; }

        public INamedTypeSymbol? DistributedLock { get; }

        public INamedTypeSymbol? Semaphore { get; }

        public INamedTypeSymbol? QueuedBy { get; }

        public INamedTypeSymbol? ClusterSingleton { get; }
        public INamedTypeSymbol? ReadLock { get; }

        public INamedTypeSymbol? WriteLock { get; }

        public INamedTypeSymbol? ReaderWriterLockProvider { get; }
        public INamedTypeSymbol? RateLimit { get; }

        public INamedTypeSymbol? LockProvider { get; }

        public INamedTypeSymbol? SemaphoreProvider { get; }

        public INamedTypeSymbol? TimeSpan { get; }

        public INamedTypeSymbol? Timeout { get; }

        public INamedTypeSymbol? Stream { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? AsyncEnumerable { get; }

        public INamedTypeSymbol? AsyncEnumerator { get; }

        public bool HasRedis => Database != null || DatabaseAsync != null;

        /// <summary>Whether <paramref name="method"/> is declared by IDatabase or IDatabaseAsync (so also reached through batches and transactions).</summary>
        public bool IsRedisDatabaseMethod(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            return type != null
                && (SymbolEqualityComparer.Default.Equals(type, Database) || SymbolEqualityComparer.Default.Equals(type, DatabaseAsync));
        }

        /// <summary>Whether <paramref name="method"/> is <c>name</c> or <c>name + "Async"</c> on the Redis database.</summary>
        public bool IsRedis(IMethodSymbol method, string name) =>
            (method.Name == name || method.Name == name + "Async") && IsRedisDatabaseMethod(method);

        /// <summary>
        /// "DistributedLock" or "Semaphore" when <paramref name="method"/> is AcquireAsync/TryAcquireAsync of ILockProvider or
        /// ISemaphoreProvider, "ReadLock" for AcquireReadAsync/AcquireUpgradeableReadAsync and "WriteLock" for
        /// AcquireWriteAsync of IReaderWriterLockProvider; called through the interface or through a class implementing it.
        /// </summary>
        public string? ProviderAcquireKind(IMethodSymbol method)
        {
            if (method.Name == "AcquireReadAsync" || method.Name == "AcquireUpgradeableReadAsync")
            {
                return Implements(method, ReaderWriterLockProvider) ? "ReadLock" : null;
            }

            if (method.Name == "AcquireWriteAsync")
            {
                return Implements(method, ReaderWriterLockProvider) ? "WriteLock" : null;
            }

            if (method.Name != "AcquireAsync" && method.Name != "TryAcquireAsync")
            {
                return null;
            }

            if (Implements(method, LockProvider))
            {
                return "DistributedLock";
            }

            return Implements(method, SemaphoreProvider) ? "Semaphore" : null;
        }

        private static bool Implements(IMethodSymbol method, INamedTypeSymbol? provider)
        {
            if (provider == null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, provider))
            {
                return true;
            }

            foreach (var member in provider.GetMembers(method.Name))
            {
                var implementation = method.ContainingType?.FindImplementationForInterfaceMember(member);
                if (implementation != null && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type != null && known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }
}
