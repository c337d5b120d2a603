namespace Greenlight.Databases;

internal enum DatabaseEngine
{
    Postgres,
    Sqlite,
}
