package dev.rayform.recon.geometry.io;

/**
 * An entry of an archive: its normalised name (slash-separated, relative), the size its header
 * claims (-1 when unknown; informational only) and whether it is a folder.
 */
public record ArchiveEntry(String name, long size, boolean directory) {}
