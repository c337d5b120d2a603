using Greenlight.Checks.Manual;
using Greenlight.Spec;

namespace Greenlight.Signoffs;

/// <summary>A manual check of a spec and where it stands for the current commit, for <c>signoff --list</c>.</summary>
internal sealed record ManualItem(CheckDefinition Check, ManualSettings Settings, SignoffStatus Status);
