namespace Locksmith.Backends;

/// <summary>A backend's answer to one request for permits, decided on its own clock.</summary>
/// <param name="Granted">Whether the permits were taken (for a request of 0 permits: whether at least one is free).</param>
/// <param name="Remaining">Permits still free after this decision (a token bucket's whole tokens).</param>
/// <param name="RetryAfter">
/// When not granted, how long until the requested permits will be free if nobody else takes them; zero when granted.
/// </param>
/// <param name="DecidedAt">The backend clock's time of the decision (the Redis server's <c>TIME</c>).</param>
public readonly record struct RateLimitDecision(bool Granted, long Remaining, TimeSpan RetryAfter, DateTimeOffset DecidedAt);
