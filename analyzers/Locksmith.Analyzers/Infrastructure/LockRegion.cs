using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Locksmith.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether code runs while a lock is held and before its release: inside the try block of a try/finally whose finally
    /// releases (LockRelease, a lease's Dispose/DisposeAsync, KeyDelete), or after a lease declared with using in an
    /// enclosing block. Walks up the operation tree only: cost is the depth of the code, not the size of the method.
    /// </summary>
    internal static class LockRegion
    {
        public static bool IsHeld(IOperation operation, KnownSymbols known)
        {
            var child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case ITryOperation { Finally: { } @finally } attempt when child == attempt.Body && Releases(@finally, known):
                        return true;
                    case IUsingOperation @using when child == @using.Body && IsLease(@using.Resources, known):
                        return true;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IUsingDeclarationOperation declaration && IsLease(declaration.DeclarationGroup, known))
                            {
                                return true;
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        // A lambda's body runs when the lambda is called; whether that is under the lock is the caller's matter.
                        return false;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="local"/> is declared with using and holds a Locksmith lease.</summary>
        public static bool IsUsingLease(ILocalSymbol local)
        {
            if (!local.IsUsing)
            {
                return false;
            }

            var type = local.Type;
            return type != null && (type.Name == "ILockLease" || type.Name == "ISemaphorePermit" || type.Name == "ILease")
                   && type.ContainingNamespace?.ToDisplayString() == "Locksmith";
        }

        private static bool Releases(IOperation @finally, KnownSymbols known)
        {
            foreach (var operation in @finally.Descendants())
            {
                if (operation is IInvocationOperation call
                    && (call.TargetMethod.Name == "DisposeAsync" || call.TargetMethod.Name == "Dispose"
                        || known.IsRedis(call.TargetMethod, "LockRelease") || known.IsRedis(call.TargetMethod, "KeyDelete")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A using whose resource comes from ILockProvider/ISemaphoreProvider acquire.</summary>
        private static bool IsLease(IOperation resources, KnownSymbols known)
        {
            foreach (var operation in resources.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && known.ProviderAcquireKind(call.TargetMethod) != null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
