using Basic.Reference.Assemblies;
using Locksmith.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locksmith.Tests.Backends;

/// <summary>
/// The backend surface (<c>Locksmith.Backends</c> for leases, the transport contract in <c>Locksmith.Queues</c> for
/// queues) is enough to write a backend: the in-memory backend's own sources compile into an assembly of their own, which
/// sees only what a third party would.
/// </summary>
public sealed class BackendSurfaceTests
{
    [Theory]
    [InlineData("Locksmith/InMemory")]
    [InlineData("Locksmith.Queues/InMemory")]
    public void The_in_memory_backend_compiles_outside_the_core_against_its_public_surface_alone(string backendFolder)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", backendFolder);
        var sources = Directory.GetFiles(folder, "*.cs").Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f)).ToList();
        Assert.NotEmpty(sources);

        // The project's implicit usings, which the files rely on.
        sources.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.Linq; " +
            "global using System.Threading; global using System.Threading.Tasks;"));

        // An assembly name neither the core nor the queue package grants InternalsVisibleTo, as a third-party backend's would be.
        var compilation = CSharpCompilation.Create(
            "ThirdParty.Backend",
            sources,
            [
                .. Net100.References.All,
                MetadataReference.CreateFromFile(typeof(ILockProvider).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Locksmith.Queues.IQueueTransport).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(IOptions<>).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ServiceCollectionServiceExtensions).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "The in-memory backend reaches past the backend surface:\n" + string.Join("\n", errors));
    }
}
