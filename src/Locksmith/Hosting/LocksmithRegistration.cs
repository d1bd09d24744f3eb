namespace Locksmith.DependencyInjection;

/// <summary>Marks a collection as having Locksmith, so repeated <c>AddLocksmith</c> calls share one builder.</summary>
internal sealed class LocksmithRegistration(LocksmithBuilder builder)
{
    public LocksmithBuilder Builder { get; } = builder;
}
