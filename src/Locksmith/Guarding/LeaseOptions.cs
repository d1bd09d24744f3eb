namespace Locksmith;

/// <summary>How a lease (lock or semaphore permit) is taken and held. Immutable; derive variants with <c>with</c>.</summary>
public abstract record LeaseOptions
{
    /// <summary>The default time to live: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(30);

    /// <summary>The default wait timeout: 30 seconds.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the backend keeps the lease without renewal; a crashed holder blocks others for at most this long.
    /// Must be positive and finite. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan Ttl { get; init; } = DefaultTtl;

    /// <summary>
    /// How long to wait for the lease before giving up. <see cref="TimeSpan.Zero"/> tries once;
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled. Defaults to 30 seconds.
    /// </summary>
    public TimeSpan WaitTimeout { get; init; } = DefaultWaitTimeout;

    /// <summary>
    /// Whether a background loop keeps extending the lease while it is held, so work may outlast <see cref="Ttl"/>.
    /// Without renewal the lease is reported lost when its time to live passes. Defaults to <see langword="true"/>.
    /// </summary>
    public bool Renew { get; init; } = true;

    /// <summary>
    /// How often renewal extends the lease. Must be shorter than <see cref="Ttl"/>. Defaults to a third of <see cref="Ttl"/>,
    /// which leaves two attempts before the lease could expire.
    /// </summary>
    public TimeSpan? RenewInterval { get; init; }

    /// <summary>
    /// The longest a lease may be held, renewal included: once reached, renewal stops and the lease is reported lost
    /// (its <see cref="ILease.LostToken"/> fires), so a stuck holder cannot keep a lock forever. Must be positive.
    /// Defaults to <see langword="null"/>: no limit.
    /// </summary>
    public TimeSpan? MaxHoldTime { get; init; }

    /// <summary>
    /// The shortest a key stays taken: a lease released sooner is instead extended (owner-checked) to this long after
    /// it was granted and left to expire, so work that ends quickly is not run again at once by another node (ShedLock's
    /// "lock at least for"). Must be positive and no longer than <see cref="MaxHoldTime"/>. Defaults to
    /// <see langword="null"/>: released at once.
    /// </summary>
    public TimeSpan? MinHoldTime { get; init; }

    /// <summary>The renewal cadence in effect: <see cref="RenewInterval"/> or a third of <see cref="Ttl"/>.</summary>
    public TimeSpan EffectiveRenewInterval => RenewInterval ?? TimeSpan.FromTicks(Ttl.Ticks / 3);

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting and how to fix it.</summary>
    /// <param name="name">How the caller knows these options, used in the message (for example "LockOptions").</param>
    public void Validate(string name = "options")
    {
        var problems = GetProblems(name).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>A cheap check for the hot path (no allocation when valid); <see cref="Validate"/> explains what is wrong.</summary>
    internal bool IsValid => Check() == Problems.None;

    internal virtual IEnumerable<string> GetProblems(string name)
    {
        var problems = Check();
        if ((problems & Problems.TtlNotPositiveAndFinite) != 0)
        {
            yield return $"{name}.Ttl is {Ttl}; it must be positive and finite, or a crashed holder would block everyone forever. Use for example TimeSpan.FromSeconds(30).";
        }

        if ((problems & Problems.TtlUnderOneMillisecond) != 0)
        {
            yield return $"{name}.Ttl is {Ttl}; backends count in milliseconds, so it must be at least 1 ms.";
        }

        if ((problems & Problems.WaitTimeoutNegative) != 0)
        {
            yield return $"{name}.WaitTimeout is {WaitTimeout}; use TimeSpan.Zero to try once, a positive value, or Timeout.InfiniteTimeSpan to wait until cancelled.";
        }

        if ((problems & Problems.MaxHoldTimeNotPositive) != 0)
        {
            yield return $"{name}.MaxHoldTime is {MaxHoldTime}; it must be positive, or null for no limit.";
        }

        if ((problems & Problems.MinHoldTimeOutOfRange) != 0)
        {
            yield return $"{name}.MinHoldTime is {MinHoldTime}; it must be positive and no longer than MaxHoldTime ({MaxHoldTime?.ToString() ?? "none"}), or null to release at once.";
        }

        if ((problems & Problems.RenewIntervalOutOfRange) != 0)
        {
            yield return $"{name}.RenewInterval is {RenewInterval}; it must be positive and shorter than Ttl ({Ttl}), or the lease expires between renewals. Leave it null for a third of Ttl.";
        }
    }

    /// <summary>The rules, written once: <see cref="IsValid"/> asks whether any is broken, <see cref="GetProblems"/> explains each.</summary>
    private Problems Check()
    {
        var problems = Problems.None;
        if (Ttl <= TimeSpan.Zero || Ttl == Timeout.InfiniteTimeSpan)
        {
            problems |= Problems.TtlNotPositiveAndFinite;
        }
        else if (Ttl < TimeSpan.FromMilliseconds(1))
        {
            problems |= Problems.TtlUnderOneMillisecond;
        }

        if (WaitTimeout < TimeSpan.Zero && WaitTimeout != Timeout.InfiniteTimeSpan)
        {
            problems |= Problems.WaitTimeoutNegative;
        }

        if (MaxHoldTime is { } max && max <= TimeSpan.Zero)
        {
            problems |= Problems.MaxHoldTimeNotPositive;
        }

        if (MinHoldTime is { } min && (min <= TimeSpan.Zero || min == Timeout.InfiniteTimeSpan || (MaxHoldTime is { } limit && min > limit)))
        {
            problems |= Problems.MinHoldTimeOutOfRange;
        }

        if (RenewInterval is { } interval && (interval <= TimeSpan.Zero || interval >= Ttl))
        {
            problems |= Problems.RenewIntervalOutOfRange;
        }

        return problems;
    }

    [Flags]
    private enum Problems
    {
        None = 0,
        TtlNotPositiveAndFinite = 1,
        TtlUnderOneMillisecond = 2,
        WaitTimeoutNegative = 4,
        MaxHoldTimeNotPositive = 8,
        RenewIntervalOutOfRange = 16,
        MinHoldTimeOutOfRange = 32,
    }
}
