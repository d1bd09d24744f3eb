using System.IO.Compression;
using System.Xml.Linq;

namespace Locksmith.Analyzers.Tests;

[Collection(PackedLibrariesShared.Name)]
public class PackageTests(PackedLibraries packed)
{
    [Fact]
    public void Package_carries_analyzers_code_fixes_and_generators_under_analyzers_dotnet_cs()
    {
        using var zip = ZipFile.OpenRead(packed.Package("Locksmith"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Generators.dll", entries);
        Assert.Contains("lib/net10.0/Locksmith.dll", entries);
    }

    [Fact]
    public void Package_depends_on_aspect_injector_and_not_on_the_roslyn_projects()
    {
        using var zip = ZipFile.OpenRead(packed.Package("Locksmith"));
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("AspectInjector", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Locksmith.", StringComparison.Ordinal));
    }

    /// <summary>
    /// A project that references only the package gets its methods woven (AspectInjector's buildTransitive targets reach
    /// it) and sees the analyzers' diagnostics in its build.
    /// </summary>
    [Fact]
    public void A_consumer_of_the_package_is_woven_and_gets_the_diagnostics()
    {
        using var consumer = new PackageConsumer(packed.Folder, "Locksmith", packed.Version, """
            using Locksmith;

            try
            {
                await new Stock().ReserveAsync("A-1");
                Console.WriteLine("NOT WOVEN");
            }
            catch (InvalidOperationException)
            {
                Console.WriteLine("WOVEN");
            }

            public class Stock
            {
                [DistributedLock("stock:{sku}")]
                public Task ReserveAsync(string sku) => Task.CompletedTask;
            #if BROKEN
                [Semaphore(0)]
                public Task Nobody() => Task.CompletedTask;
            #endif
            }
            """);

        var (exit, output) = consumer.Dotnet("run", "-c", "Release");
        Assert.True(exit == 0, output);
        Assert.Contains("WOVEN", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT WOVEN", output, StringComparison.Ordinal);

        (exit, output) = consumer.Dotnet("build", "-c", "Release", "--no-restore", "-p:DefineConstants=BROKEN");
        Assert.NotEqual(0, exit);
        Assert.Contains("error LSM008", output, StringComparison.Ordinal);
    }
}
