namespace Locksmith.Analyzers
{
    /// <summary>The categories rules belong to, in one place so .editorconfig users can configure a family at once.</summary>
    internal static class RuleCategories
    {
        /// <summary>Locks that can be held forever or released by the wrong owner.</summary>
        public const string Reliability = "Locksmith.Reliability";

        /// <summary>Attributes used in ways that fail at run time or do not protect anything.</summary>
        public const string Usage = "Locksmith.Usage";

        /// <summary>Lua scripts handed to Redis from C#.</summary>
        public const string Scripts = "Locksmith.Scripts";
    }
}
