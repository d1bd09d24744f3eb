namespace Locksmith;

/// <summary>
/// A key template on a Locksmith attribute is malformed or names a parameter or member the method does not have,
/// or a placeholder evaluated to <see langword="null"/> at call time.
/// </summary>
public sealed class KeyTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public KeyTemplateException(string message)
        : base(message)
    {
    }
}
