using System.Text.Json;
using Locksmith.Redis.Inspection;

namespace Locksmith.Cli.Output;

/// <summary>The inspection report as indented camelCase JSON, for scripts.</summary>
internal static class InspectionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write(TextWriter output, InspectionReport report) =>
        output.WriteLine(JsonSerializer.Serialize(report, Options));
}
