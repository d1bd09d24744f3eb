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

        if (options.QueueDefaults is null || options.QueueSerializer is null)
        {
            problems.Add("LocksmithOptions.QueueDefaults and LocksmithOptions.QueueSerializer must not be null; leave them unset for the defaults.");
        }
        else
        {
            problems.AddRange(options.QueueDefaults.GetProblems("LocksmithOptions.QueueDefaults"));
        }

        foreach (var (queue, settings) in options.QueueSettings)
        {
            try
            {
                QueueNames.Validate(queue, $"ConfigureQueue(\"{queue}\")");
            }
            catch (ArgumentException e)
            {
                problems.Add(e.Message);
            }

            problems.AddRange(settings?.GetProblems($"ConfigureQueue(\"{queue}\")") ?? [$"ConfigureQueue(\"{queue}\") returned null settings."]);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
