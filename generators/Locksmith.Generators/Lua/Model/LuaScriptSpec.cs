using System.Linq;
using Locksmith.Generators.Model;

namespace Locksmith.Generators.Lua.Model
{
    /// <summary>Everything the emitter needs about one script: primitives only, so unchanged scripts are cached.</summary>
    internal sealed record LuaScriptSpec(
        string FilePath,
        string Namespace,
        string ClassName,
        string Text,
        string Sha1,
        EquatableArray<string> Keys,
        EquatableArray<LuaArgumentSpec> Arguments,
        LuaResultSpec Result,
        EquatableArray<DiagnosticSpec> Diagnostics)
    {
        /// <summary>A script with an error gets no wrapper: a wrapper around a broken script would fail at run time instead.</summary>
        public bool CanEmit => Diagnostics.All(d => !d.IsError);
    }

    /// <summary>A declared ARGV entry: its Lua name, the C# parameter name and the C# type.</summary>
    internal sealed record LuaArgumentSpec(string LuaName, string ParameterName, string ClrType);

    /// <summary>The declared result: the C# type and the expression converting a RedisResult named <c>result</c> into it.</summary>
    internal sealed record LuaResultSpec(string? ClrType, string Conversion);
}
