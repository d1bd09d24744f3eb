using Microsoft.Extensions.Options;

namespace Locksmith.Redis.Internal;

/// <summary>Validates <see cref="RedlockOptions"/> against the number of masters given to UseRedlock.</summary>
internal sealed class RedlockOptionsValidator(int masters) : IValidateOptions<RedlockOptions>
{
    public ValidateOptionsResult Validate(string? name, RedlockOptions options)
    {
        var problems = options.GetProblems(masters).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
