using System.Xml.Linq;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// Every shipped project and the sample compile with the analyzers loaded and warnings as errors, so a rule
/// firing anywhere in them breaks the build. These tests keep that wiring from being dropped.
/// </summary>
public class RepositoryTests
{
    [Theory]
    [InlineData("src/Locksmith/Locksmith.csproj")]
    [InlineData("src/Locksmith.Queues/Locksmith.Queues.csproj")]
    [InlineData("src/Locksmith.Redis/Locksmith.Redis.csproj")]
    [InlineData("src/Locksmith.Redis.Bulk/Locksmith.Redis.Bulk.csproj")]
    [InlineData("src/Locksmith.Kafka/Locksmith.Kafka.csproj")]
    [InlineData("src/Locksmith.Cli/Locksmith.Cli.csproj")]
    [InlineData("samples/Orders/Orders.csproj")]
    public void Project_builds_with_the_analyzers_so_any_diagnostic_fails_its_build(string project)
    {
        var path = Path.Combine(ConventionTests.FindRoot(), project);
        var analyzerReference = XDocument.Load(path).Descendants("ProjectReference").SingleOrDefault(e =>
            ((string?)e.Attribute("Include"))?.Replace('\\', '/').EndsWith("analyzers/Locksmith.Analyzers/Locksmith.Analyzers.csproj", StringComparison.Ordinal) == true);
        Assert.NotNull(analyzerReference);
        Assert.Equal("Analyzer", (string?)analyzerReference!.Attribute("OutputItemType"));
        Assert.Equal("false", (string?)analyzerReference.Attribute("ReferenceOutputAssembly"));
    }
}
