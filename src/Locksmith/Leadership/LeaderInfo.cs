namespace Locksmith;

/// <summary>A leader as its record shows it.</summary>
/// <param name="Name">The election's name.</param>
/// <param name="Candidate">Who leads (<see cref="LeaderElectionOptions.Candidate"/> of the leading process).</param>
/// <param name="Term">The leadership's term (its fencing token).</param>
/// <param name="Since">When the term began, by the leader's clock.</param>
public sealed record LeaderInfo(string Name, string Candidate, long Term, DateTimeOffset Since);
