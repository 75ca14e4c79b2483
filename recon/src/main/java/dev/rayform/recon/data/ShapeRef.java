package dev.rayform.recon.data;

/**
 * A shape a source can load: {@code id} is unique within a dataset ({@code category/name}),
 * {@code sourceId} says where it comes from (a seed, a catalogue item, a file).
 */
public record ShapeRef(String id, String category, String sourceId) {}
