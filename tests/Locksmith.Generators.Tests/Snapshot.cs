using System.Runtime.CompilerServices;

namespace Locksmith.Generators.Tests;

/// <summary>Compares generated text with a file under Snapshots/; LOCKSMITH_UPDATE_SNAPSHOTS=1 rewrites it, to be reviewed in the diff.</summary>
internal static class Snapshot
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string thisFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("LOCKSMITH_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run with LOCKSMITH_UPDATE_SNAPSHOTS=1 and review it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }
}
