using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Locksmith.Generators.Lua.Model;
using Locksmith.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Lua
{
    /// <summary>
    /// Turns every <c>*.lua</c> AdditionalFile into a typed C# wrapper (EVALSHA with NOSCRIPT fallback), checking the
    /// script's declared KEYS and ARGV against its body at compile time.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class LuaScriptGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
        public static class Steps
        {
            /// <summary>One parsed script per .lua file.</summary>
            public const string Parse = "LuaScripts.Parse";

            /// <summary>Whether the compilation references StackExchange.Redis.</summary>
            public const string RedisReference = "LuaScripts.RedisReference";
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var @namespace = context.AnalyzerConfigOptionsProvider.Select((options, _) =>
            {
                options.GlobalOptions.TryGetValue("build_property.LocksmithLuaNamespace", out var configured);
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root);
                return !string.IsNullOrWhiteSpace(configured) ? configured!
                    : !string.IsNullOrWhiteSpace(root) ? root + ".LuaScripts"
                    : "LuaScripts";
            });

            var scripts = context.AdditionalTextsProvider
                .Where(file => file.Path.EndsWith(".lua", StringComparison.OrdinalIgnoreCase))
                .Combine(@namespace)
                .Select((pair, cancellationToken) =>
                    LuaScriptParser.Parse(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty, pair.Right))
                .WithTrackingName(Steps.Parse);

            var hasRedis = context.CompilationProvider
                .Select((compilation, _) => compilation.GetTypeByMetadataName("StackExchange.Redis.IDatabaseAsync") != null)
                .WithTrackingName(Steps.RedisReference);

            context.RegisterSourceOutput(scripts.Collect().Combine(hasRedis), static (output, input) => Emit(output, input.Left, input.Right));
        }

        private static void Emit(SourceProductionContext output, ImmutableArray<LuaScriptSpec> scripts, bool hasRedis)
        {
            if (scripts.IsEmpty)
            {
                return;
            }

            if (!hasRedis)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RedisNotReferenced, Location.None));
                return;
            }

            var emitted = new Dictionary<string, LuaScriptSpec>(StringComparer.Ordinal);
            string? runnerNamespace = null;
            foreach (var script in scripts.OrderBy(s => s.FilePath, StringComparer.Ordinal))
            {
                foreach (var diagnostic in script.Diagnostics)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                var fullName = script.Namespace + "." + script.ClassName;
                if (emitted.TryGetValue(fullName, out var first))
                {
                    output.ReportDiagnostic(DiagnosticSpec.Create(
                        DiagnosticDescriptors.DuplicateName, script.FilePath, 1, 1,
                        System.IO.Path.GetFileName(first.FilePath), System.IO.Path.GetFileName(script.FilePath), fullName).ToDiagnostic());
                    continue;
                }

                emitted[fullName] = script;
                if (script.CanEmit)
                {
                    output.AddSource(fullName + ".g.cs", SourceText.From(LuaScriptEmitter.EmitScript(script), System.Text.Encoding.UTF8));
                    runnerNamespace = script.Namespace;
                }
            }

            if (runnerNamespace != null)
            {
                output.AddSource(runnerNamespace + ".LuaScriptRunner.g.cs", SourceText.From(LuaScriptEmitter.EmitRunner(runnerNamespace), System.Text.Encoding.UTF8));
            }
        }
    }
}
