package dev.rayform.recon.data.procedural;

/**
 * The shape grammar of one category: draws its parameters from the dice and adds parts to the
 * builder, in raw units (about metres), y up, front towards +z, standing on y = 0.
 */
interface CategoryGrammar {

  String category();

  void build(Dice dice, ShapeBuilder shape);
}
