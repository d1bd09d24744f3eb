using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Locksmith.Generators.Model;
using Locksmith.Generators.Queues.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Locksmith.Generators.Queues
{
    /// <summary>
    /// Writes, into each project that declares <c>[QueuedBy]</c> methods, a module initializer registering every one of
    /// them with a typed invoker, so queue consumers find and call them without reflection.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class QueuedRegistryGenerator : IIncrementalGenerator
    {
        private const string AttributeName = "Locksmith.QueuedByAttribute";
        private const string RegistryName = "Locksmith.Queues.QueuedMethodRegistry";

        /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
        public static class Steps
        {
            /// <summary>One parse per method carrying [QueuedBy].</summary>
            public const string Parse = "QueuedRegistry.Parse";

            /// <summary>The assembly's registration namespace, and whether the registry type is referenced.</summary>
            public const string Target = "QueuedRegistry.Target";
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var methods = context.SyntaxProvider
                .ForAttributeWithMetadataName(AttributeName, static (_, _) => true, QueuedRegistryParser.Parse)
                .WithTrackingName(Steps.Parse);

            var target = context.CompilationProvider
                .Select((compilation, _) => new RegistryTarget(
                    QueuedRegistryEmitter.Namespace(compilation.AssemblyName),
                    compilation.GetTypeByMetadataName(RegistryName) != null))
                .WithTrackingName(Steps.Target);

            context.RegisterSourceOutput(methods.Collect().Combine(target), static (output, input) => Emit(output, input.Left, input.Right));
        }

        private static void Emit(SourceProductionContext output, ImmutableArray<QueuedMethodParse> parses, RegistryTarget target)
        {
            var registered = new List<QueuedMethodSpec>();
            var byId = new Dictionary<string, QueuedMethodSpec>(StringComparer.Ordinal);
            foreach (var parse in parses.OrderBy(p => p.Method?.Location.FilePath ?? p.Diagnostics.FirstOrDefault()?.Location.FilePath, StringComparer.Ordinal)
                         .ThenBy(p => p.Method?.Location.Span.Start ?? p.Diagnostics.FirstOrDefault()?.Location.Span.Start))
            {
                foreach (var diagnostic in parse.Diagnostics)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                var method = parse.Method;
                if (method == null)
                {
                    continue;
                }

                // The registry keeps one method per id; a second would silently replace the first.
                if (byId.TryGetValue(method.Id, out var first))
                {
                    output.ReportDiagnostic(DiagnosticSpec.Create(
                        DiagnosticDescriptors.QueuedMethodIdTaken, method.Location, first.Display, method.Display, method.Id.Replace("global::", string.Empty)).ToDiagnostic());
                    continue;
                }

                byId[method.Id] = method;
                registered.Add(method);
            }

            if (registered.Count == 0)
            {
                return;
            }

            if (!target.HasRegistry)
            {
                output.ReportDiagnostic(DiagnosticSpec.Create(DiagnosticDescriptors.QueuedRegistryNotReferenced, registered[0].Location).ToDiagnostic());
                return;
            }

            output.AddSource(QueuedRegistryEmitter.HintName, SourceText.From(QueuedRegistryEmitter.Emit(target.Namespace, registered), System.Text.Encoding.UTF8));
        }

        /// <summary>What the emitted file depends on beyond the methods.</summary>
        private sealed record RegistryTarget(string Namespace, bool HasRegistry);
    }
}
