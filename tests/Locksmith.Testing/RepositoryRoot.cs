namespace Locksmith.Testing;

/// <summary>The repository a test runs from, for tests that read its files (docs, release notes).</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding <c>Framework.sln</c>, found upward from the test's output folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Framework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Framework.sln not found above " + AppContext.BaseDirectory);
    }
}
