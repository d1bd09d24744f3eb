using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// The key templates written on a method: [DistributedLock(template, ...)], [Semaphore(Key = ...)], [ReadLock(template)],
    /// [WriteLock(template)], [QueuedBy(PartitionKey = ...)], [RateLimit(template)].
    /// </summary>
    internal static class TemplateSites
    {
        public static IEnumerable<TemplateSite> Of(IMethodSymbol method, KnownSymbols known)
        {
            var distributedLock = LockAttributes.Find(method, known.DistributedLock);
            if (distributedLock != null && distributedLock.ConstructorArguments.Length >= 1
                && distributedLock.ConstructorArguments[0].Value is string lockTemplate
                && LockAttributes.PositionalSyntax(distributedLock, 0) is { } lockSyntax)
            {
                yield return new TemplateSite("DistributedLock", lockTemplate, lockSyntax);

                // A lock on several keys: the further templates, as written after the first.
                if (distributedLock.ConstructorArguments.Length == 2 && distributedLock.ConstructorArguments[1].Kind == TypedConstantKind.Array)
                {
                    var position = 1;
                    foreach (var more in distributedLock.ConstructorArguments[1].Values)
                    {
                        if (more.Value is string moreTemplate && LockAttributes.PositionalSyntax(distributedLock, position) is { } moreSyntax)
                        {
                            yield return new TemplateSite("DistributedLock", moreTemplate, moreSyntax);
                        }

                        position++;
                    }
                }
            }

            var semaphore = LockAttributes.Find(method, known.Semaphore);
            if (semaphore != null && LockAttributes.NamedString(semaphore, "Key") is { } semaphoreTemplate
                && LockAttributes.NamedSyntax(semaphore, "Key") is { } semaphoreSyntax)
            {
                yield return new TemplateSite("Semaphore", semaphoreTemplate, semaphoreSyntax);
            }

            foreach (var (name, type) in new[] { ("ReadLock", known.ReadLock), ("WriteLock", known.WriteLock) })
            {
                var readerWriter = LockAttributes.Find(method, type);
                if (readerWriter != null && readerWriter.ConstructorArguments.Length == 1
                    && readerWriter.ConstructorArguments[0].Value is string readerWriterTemplate
                    && LockAttributes.PositionalSyntax(readerWriter, 0) is { } readerWriterSyntax)
                {
                    yield return new TemplateSite(name, readerWriterTemplate, readerWriterSyntax);
                }
            }

            var rateLimit = LockAttributes.Find(method, known.RateLimit);
            if (rateLimit != null && rateLimit.ConstructorArguments.Length == 1
                && rateLimit.ConstructorArguments[0].Value is string rateTemplate
                && LockAttributes.PositionalSyntax(rateLimit, 0) is { } rateSyntax)
            {
                yield return new TemplateSite("RateLimit", rateTemplate, rateSyntax);
            }

            var queued = LockAttributes.Find(method, known.QueuedBy);
            if (queued != null && LockAttributes.NamedString(queued, "PartitionKey") is { } partitionTemplate
                && LockAttributes.NamedSyntax(queued, "PartitionKey") is { } partitionSyntax)
            {
                yield return new TemplateSite("QueuedBy", partitionTemplate, partitionSyntax);
            }
        }
    }

    /// <summary>One template, the attribute it belongs to and the expression that wrote it.</summary>
    internal sealed class TemplateSite
    {
        public TemplateSite(string attribute, string template, ExpressionSyntax syntax)
        {
            Attribute = attribute;
            Template = template;
            Syntax = syntax;
            Parsed = KeyTemplateSyntax.Parse(template);
        }

        public string Attribute { get; }

        public string Template { get; }

        public ExpressionSyntax Syntax { get; }

        public KeyTemplateSyntax Parsed { get; }

        /// <summary>Where characters of the template are in the source (the whole expression if they cannot be mapped).</summary>
        public Location LocationOf(int position, int length) => StringLiteralLocation.Of(Syntax, position, length);
    }
}
