using System.IO.Compression;
using System.Xml.Linq;

namespace Locksmith.Analyzers.Tests;

/// <summary>Packs the four shipped libraries once (from the build already done) into one temporary folder.</summary>
public sealed class PackedLibraries : IDisposable
{
    public static readonly string[] Projects = ["Locksmith", "Locksmith.Queues", "Locksmith.Redis", "Locksmith.Kafka"];

    public PackedLibraries()
    {
        Folder = Directory.CreateTempSubdirectory("locksmith-packs-").FullName;
        Version = "0.0.0-combo" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var project in Projects)
        {
            var (exit, output) = DotnetCli.Run(
                ConventionTests.FindRoot(), TimeSpan.FromSeconds(120),
                "pack", $"src/{project}/{project}.csproj", "-c", configuration, "--no-build", "--no-restore", "-o", Folder, "-p:PackageVersion=" + Version);
            Assert.True(exit == 0, $"dotnet pack {project} failed:\n" + output);
        }
    }

    public string Folder { get; }

    public string Version { get; }

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>The package tests share one packing of the libraries.</summary>
[CollectionDefinition(Name)]
public sealed class PackedLibrariesShared : ICollectionFixture<PackedLibraries>
{
    public const string Name = "packed libraries";
}

/// <summary>
/// Each way the packages are meant to be combined restores, builds and weaves in a fresh project: locks alone (the core,
/// covered by <see cref="PackageTests"/>), locks and queues on Redis, queues on Kafka. The queue package brings its
/// weaving and the core's generator registers the [QueuedBy] methods.
/// </summary>
[Collection(PackedLibrariesShared.Name)]
public class PackageCombinationTests(PackedLibraries packed)
{
    [Theory]
    [InlineData("Locksmith.Queues", "Locksmith")]
    [InlineData("Locksmith.Redis", "Locksmith.Queues")]
    [InlineData("Locksmith.Kafka", "Locksmith.Queues")]
    public void A_package_depends_on_the_package_below_it_and_never_on_the_roslyn_projects(string package, string dependsOn)
    {
        using var zip = ZipFile.OpenRead(packed.Package(package));
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains(dependsOn, dependencies);
        Assert.DoesNotContain(dependencies, d => d is "Locksmith.Analyzers" or "Locksmith.Generators" or "Locksmith.Analyzers.CodeFixes");
        Assert.Contains($"lib/net10.0/{package}.dll", zip.Entries.Select(e => e.FullName));
    }

    [Theory]
    [InlineData("Locksmith.Redis", true)]
    [InlineData("Locksmith.Kafka", false)]
    public void A_consumer_of_a_transport_package_has_its_queued_and_locked_methods_woven_and_registered(string package, bool locks)
    {
        using var consumer = new PackageConsumer(packed.Folder, package, packed.Version, """
            using Locksmith;
            using Locksmith.Queues;

            // Without a runtime, a woven method refuses to run and says how to activate Locksmith; an unwoven one just runs.
            static async Task<string> Probe(Func<Task> call)
            {
                try
                {
                    await call();
                    return "NOT WOVEN";
                }
                catch (InvalidOperationException)
                {
                    return "WOVEN";
                }
            }

            Console.WriteLine("queue " + await Probe(() => new Orders().ShipAsync("o-1")));
            #if LOCKS
            Console.WriteLine("lock " + await Probe(() => new Orders().ReserveAsync("A-1")));
            #endif
            Console.WriteLine("registered " + QueuedMethodRegistry.Methods.Count(m => m.Attribute.Queue == "orders"));

            public class Orders
            {
                [QueuedBy("orders", PartitionKey = "{orderId}")]
                public Task ShipAsync(string orderId) => Task.CompletedTask;
            #if LOCKS
                [DistributedLock("stock:{sku}")]
                public Task ReserveAsync(string sku) => Task.CompletedTask;
            #endif
            }
            """,
            locks ? "LOCKS" : "");

        var (exit, output) = consumer.Dotnet("run", "-c", "Release");
        Assert.True(exit == 0, output);
        Assert.Contains("queue WOVEN", output, StringComparison.Ordinal);
        Assert.Contains("registered 1", output, StringComparison.Ordinal);
        if (locks)
        {
            Assert.Contains("lock WOVEN", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("NOT WOVEN", output, StringComparison.Ordinal);
    }
}
