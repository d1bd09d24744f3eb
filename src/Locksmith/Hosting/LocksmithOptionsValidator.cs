using Microsoft.Extensions.Options;

namespace Locksmith.DependencyInjection;

/// <summary>Validates the defaults when the host starts (or the runtime is activated), naming each bad setting and its fix.</summary>
internal sealed class LocksmithOptionsValidator : IValidateOptions<LocksmithOptions>
{
    public ValidateOptionsResult Validate(string? name, LocksmithOptions options)
    {
        var problems = new List<string>();
        if (options.Locks is null)
        {
            problems.Add("LocksmithOptions.Locks is null; leave it unset for the defaults or assign a LockOptions.");
        }
        else
        {
            problems.AddRange(options.Locks.GetProblems("LocksmithOptions.Locks"));
        }

        if (options.Semaphores is null)
        {
            problems.Add("LocksmithOptions.Semaphores is null; leave it unset for the defaults or assign a SemaphoreOptions.");
        }
        else
        {
            problems.AddRange(options.Semaphores.GetProblems("LocksmithOptions.Semaphores"));
        }

        if (options.Leadership is null)
        {
            problems.Add("LocksmithOptions.Leadership is null; leave it unset for the defaults or assign a LeaderElectionOptions.");
        }
        else
        {
            problems.AddRange(options.Leadership.GetProblems("LocksmithOptions.Leadership"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
