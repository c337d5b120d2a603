namespace Greenlight.Signoffs;

/// <summary>What a person answered at the prompt: their name and an optional note.</summary>
internal sealed record SignoffAnswer(string By, string? Note);
