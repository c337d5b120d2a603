namespace Greenlight.Store;

internal enum RunStatus
{
    Running,
    Finished,
    Interrupted,
}
