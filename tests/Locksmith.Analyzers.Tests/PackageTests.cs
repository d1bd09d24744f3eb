using System.IO.Compression;
using System.Xml.Linq;

namespace Locksmith.Analyzers.Tests;

/// <summary>Packs src/Locksmith once (from the build already done) into a temporary folder.</summary>
public sealed class PackedLocksmith : IDisposable
{
    public PackedLocksmith()
    {
        Folder = Directory.CreateTempSubdirectory("locksmith-pack-").FullName;

        // A version no cache has seen, so the consumer below restores this very package.
        Version = "0.0.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var (exit, output) = DotnetCli.Run(
            ConventionTests.FindRoot(), TimeSpan.FromSeconds(120),
            "pack", "src/Locksmith/Locksmith.csproj", "-c", configuration, "--no-build", "--no-restore", "-o", Folder, "-p:PackageVersion=" + Version);
        Assert.True(exit == 0, "dotnet pack failed:\n" + output);
        Package = Directory.GetFiles(Folder, "*.nupkg").Single();
    }

    public string Folder { get; }

    public string Version { get; }

    public string Package { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public class PackageTests(PackedLocksmith packed) : IClassFixture<PackedLocksmith>
{
    [Fact]
    public void Package_carries_analyzers_code_fixes_and_generators_under_analyzers_dotnet_cs()
    {
        using var zip = ZipFile.OpenRead(packed.Package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Locksmith.Generators.dll", entries);
        Assert.Contains("lib/net10.0/Locksmith.dll", entries);
    }

    [Fact]
    public void Package_depends_on_aspect_injector_and_not_on_the_roslyn_projects()
    {
        using var zip = ZipFile.OpenRead(packed.Package);
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
        var consumer = Directory.CreateTempSubdirectory("locksmith-consumer-").FullName;
        try
        {
            var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                                 ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                    <RestoreAdditionalProjectFallbackFolders>{globalPackages}</RestoreAdditionalProjectFallbackFolders>
                    <RestoreAdditionalProjectSources>{packed.Folder}</RestoreAdditionalProjectSources>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Locksmith" Version="{packed.Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
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

            var (exit, output) = DotnetCli.Run(consumer, TimeSpan.FromSeconds(90), "run", "-c", "Release");
            Assert.True(exit == 0, output);
            Assert.Contains("WOVEN", output, StringComparison.Ordinal);
            Assert.DoesNotContain("NOT WOVEN", output, StringComparison.Ordinal);

            (exit, output) = DotnetCli.Run(consumer, TimeSpan.FromSeconds(90), "build", "-c", "Release", "--no-restore", "-p:DefineConstants=BROKEN");
            Assert.NotEqual(0, exit);
            Assert.Contains("error LSM008", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(consumer, recursive: true);
        }
    }
}
