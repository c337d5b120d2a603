using Greenlight.Engine;

namespace Greenlight.Reports;

/// <summary>Writes a run report in one format to a stream. Found by <see cref="Format"/>.</summary>
internal interface IReportWriter
{
    string Format { get; }

    string FileExtension { get; }

    Task WriteAsync(RunReport report, Stream output, CancellationToken cancellationToken);
}
