using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>Evaluates TimeSpan expressions written with constants: TimeSpan.FromSeconds(30), TimeSpan.MaxValue, Timeout.InfiniteTimeSpan, new TimeSpan(...).</summary>
    internal static class TimeSpanValue
    {
        private const double MsPerTick = 1.0 / 10_000;

        /// <summary>The value in milliseconds, or null when it is not known at compile time.</summary>
        public static double? Milliseconds(IOperation operation, KnownSymbols known) => Milliseconds(operation, known, 0);

        private static double? Milliseconds(IOperation operation, KnownSymbols known, int depth)
        {
            var value = operation.WithoutConversions();
            switch (value)
            {
                // A "setting" kept in a static readonly field or a local is still the value it was initialised with.
                case IFieldReferenceOperation { Field.IsReadOnly: true } or ILocalReferenceOperation when depth < 2 && SourceValue.Initializer(value) is { } initial:
                    return Milliseconds(initial, known, depth + 1);
                case IDefaultValueOperation when KnownSymbols.Is(value.Type, known.TimeSpan):
                    return 0;
                case IFieldReferenceOperation field when KnownSymbols.Is(field.Field.ContainingType, known.TimeSpan):
                    return field.Field.Name switch
                    {
                        "MaxValue" => long.MaxValue * MsPerTick,
                        "MinValue" => long.MinValue * MsPerTick,
                        "Zero" => 0,
                        _ => (double?)null,
                    };
                case IFieldReferenceOperation field when KnownSymbols.Is(field.Field.ContainingType, known.Timeout):
                    return field.Field.Name == "InfiniteTimeSpan" ? -1 : (double?)null;
                case IInvocationOperation invocation when KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.TimeSpan)
                                                          && invocation.Arguments.Length == 1:
                    var n = Number(invocation.Arguments[0].Value);
                    if (n == null)
                    {
                        return null;
                    }

                    return invocation.TargetMethod.Name switch
                    {
                        "FromMilliseconds" => n,
                        "FromSeconds" => n * 1000,
                        "FromMinutes" => n * 60_000,
                        "FromHours" => n * 3_600_000,
                        "FromDays" => n * 86_400_000,
                        "FromTicks" => n * MsPerTick,
                        _ => null,
                    };
                case IObjectCreationOperation creation when KnownSymbols.Is(creation.Type, known.TimeSpan):
                    return FromConstructor(creation);
                default:
                    return null;
            }
        }

        private static double? FromConstructor(IObjectCreationOperation creation)
        {
            var args = new double[creation.Arguments.Length];
            for (var i = 0; i < args.Length; i++)
            {
                var n = Number(creation.Arguments[i].Value);
                if (n == null)
                {
                    return null;
                }

                args[i] = n.Value;
            }

            return args.Length switch
            {
                0 => 0,
                1 => args[0] * MsPerTick,
                3 => ((args[0] * 60 + args[1]) * 60 + args[2]) * 1000,
                4 => (((args[0] * 24 + args[1]) * 60 + args[2]) * 60 + args[3]) * 1000,
                5 => ((((args[0] * 24 + args[1]) * 60 + args[2]) * 60 + args[3]) * 1000) + args[4],
                _ => null,
            };
        }

        private static double? Number(IOperation operation)
        {
            var constant = operation.WithoutConversions().ConstantValue;
            if (!constant.HasValue || constant.Value == null)
            {
                return null;
            }

            switch (constant.Value)
            {
                case int i: return i;
                case long l: return l;
                case double d: return d;
                case float f: return f;
                case short s: return s;
                case decimal m: return (double)m;
                default: return null;
            }
        }
    }
}
