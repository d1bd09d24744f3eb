namespace Locksmith.Analyzers.Tests;

/// <summary>
/// A fresh project outside the repository that references packed Locksmith packages the way an application would:
/// restored from the pack folder, everything else from the machine's package cache, deleted when disposed.
/// </summary>
internal sealed class PackageConsumer : IDisposable
{
    public PackageConsumer(string packageFolder, string package, string version, string program, string defineConstants = "")
    {
        Folder = Directory.CreateTempSubdirectory("locksmith-consumer-").FullName;
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                             ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <DefineConstants>$(DefineConstants);{defineConstants}</DefineConstants>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{globalPackages}</RestoreAdditionalProjectFallbackFolders>
                <RestoreAdditionalProjectSources>{packageFolder}</RestoreAdditionalProjectSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Folder, "Program.cs"), program);
    }

    public string Folder { get; }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the project's folder.</summary>
    public (int ExitCode, string Output) Dotnet(params string[] arguments) => DotnetCli.Run(Folder, TimeSpan.FromSeconds(120), arguments);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
