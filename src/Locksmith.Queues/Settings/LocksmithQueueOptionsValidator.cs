using Microsoft.Extensions.Options;

namespace Locksmith.Queues;

/// <summary>Validates the queue settings when the host starts (or the runtime is activated), naming each bad setting and its fix.</summary>
internal sealed class LocksmithQueueOptionsValidator : IValidateOptions<LocksmithQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, LocksmithQueueOptions options)
    {
        var problems = new List<string>();
        if (options.Defaults is null || options.Serializer is null)
        {
            problems.Add("LocksmithQueueOptions.Defaults and LocksmithQueueOptions.Serializer must not be null; leave them unset for the defaults.");
        }
        else
        {
            problems.AddRange(options.Defaults.GetProblems("LocksmithQueueOptions.Defaults"));
        }

        foreach (var (queue, settings) in options.Settings)
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
