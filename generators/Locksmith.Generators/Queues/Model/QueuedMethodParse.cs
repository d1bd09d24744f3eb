using Locksmith.Generators.Model;

namespace Locksmith.Generators.Queues.Model
{
    /// <summary>
    /// What the parser made of one <c>[QueuedBy]</c> method: a spec to register, or the diagnostics that keep it out of
    /// the registry (neither when the compiler already reports the method's own errors).
    /// </summary>
    internal sealed record QueuedMethodParse(QueuedMethodSpec? Method, EquatableArray<DiagnosticSpec> Diagnostics)
    {
        public static readonly QueuedMethodParse Skipped = new QueuedMethodParse(null, default);
    }
}
