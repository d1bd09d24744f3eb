using System.Collections.Immutable;

namespace Locksmith.Analyzers
{
    /// <summary>
    /// The ids of Locksmith's analyzer rules; each has a page at <c>docs/rules/{id}.md</c>. Rules on a [QueuedBy]
    /// method's signature are the generator's (LSG011-LSG017), so a mistake there is reported once.
    /// </summary>
    public static class RuleIdentifiers
    {
        /// <summary>SET NX (StringSet with When.NotExists, SET ... NX in a command or script) without an expiry.</summary>
        public const string SetNxWithoutExpiry = "LSM001";

        /// <summary>LockTake with an infinite, non-positive or absurdly long expiry.</summary>
        public const string LockTakeExpiry = "LSM002";

        /// <summary>[DistributedLock]/[Semaphore] Ttl that is zero, negative, infinite or not a duration.</summary>
        public const string AttributeTtl = "LSM003";

        /// <summary>KeyDelete/DEL of a key the same type acquires as a lock.</summary>
        public const string BareDelete = "LSM004";

        /// <summary>A lease or LockTake whose release is not on every path.</summary>
        public const string ReleaseNotOnEveryPath = "LSM005";

        /// <summary>A key template placeholder naming no parameter or member.</summary>
        public const string UnknownTemplateName = "LSM006";

        /// <summary>A key template that does not parse.</summary>
        public const string MalformedTemplate = "LSM007";

        /// <summary>[Semaphore] with zero or negative permits.</summary>
        public const string SemaphorePermits = "LSM008";

        /// <summary>A lock attribute on async void, an iterator or an IAsyncEnumerable method.</summary>
        public const string UnsupportedShape = "LSM009";

        /// <summary>A [QueuedBy] method returning a value without AwaitResult.</summary>
        public const string QueuedResult = "LSM011";

        /// <summary>A lock taken again, by code the woven reentrancy does not see, in the flow that holds it.</summary>
        public const string SelfDeadlock = "LSM012";

        /// <summary>A Lua script built by concatenation or interpolation.</summary>
        public const string DynamicScript = "LSM013";

        /// <summary>A literal Lua script naming a key inside redis.call instead of using KEYS.</summary>
        public const string ScriptKeyNotFromKeys = "LSM014";

        /// <summary>A lock taken by INCR == 1 and bounded by a separate EXPIRE: a crash in between leaves it forever.</summary>
        public const string IncrementLock = "LSM015";

        /// <summary>Work started under a lock (async void lambda, un-awaited task, lease kept past its using) that runs on after the release.</summary>
        public const string WorkOutlivesRelease = "LSM016";

        /// <summary>The result of TryAcquireAsync (null: not taken) ignored or not null-checked before the protected work.</summary>
        public const string TryAcquireUnchecked = "LSM017";

        /// <summary>[ClusterSingleton] where the runtime cannot apply it: no Task with a CancellationToken, no ExecuteAsync, no election name.</summary>
        public const string ClusterSingletonShape = "LSM019";

        /// <summary>A [ClusterSingleton] body that never reads its CancellationToken, so a lost leadership cannot stop it.</summary>
        public const string SingletonTokenIgnored = "LSM020";

        /// <summary>OnBusy = Busy.Skip on a method that returns a value: a skipped call hands its caller the default.</summary>
        public const string SkipReturnsDefault = "LSM021";

        /// <summary>A lock on several keys that names the same key template twice.</summary>
        public const string DuplicateLockKey = "LSM022";
        /// <summary>[RateLimit] whose budget cannot work: Permits under 1, Per missing, not a duration or not positive, WaitTimeout not a duration.</summary>
        public const string RateLimitBudget = "LSM018";

        /// <summary>
        /// Ids no rule reports any more. They are never reused, and each keeps its page, so an old suppression still
        /// says what it was for: LSM010 (a [QueuedBy] parameter that cannot be serialized) is the generator's LSG013.
        /// </summary>
        public static readonly ImmutableArray<string> Retired = ImmutableArray.Create("LSM010");

        private const string HelpBase = "https://example.invalid/locksmith/docs/rules/";

        /// <summary>The documentation page of rule <paramref name="id"/>.</summary>
        public static string HelpLink(string id) => HelpBase + id + ".md";
    }
}
