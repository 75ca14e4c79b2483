package dev.rayform.recon.data.sh3d;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeNetCategoriesTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "Armchair, Living room, chair",
      "Sofa armchair, Living room, sofa",
      "Corner sofa, Living room, sofa",
      "Office chair, Office, chair",
      "Stool, Kitchen, chair",
      "Bus, Miscellaneous, car",
      "Pickup truck, Miscellaneous, car",
      "Carpet, Living room, null",
      "TV, Living room, display",
      "Computer monitor, Office, display",
      "Folding screen, Living room, null",
      "Speaker, Living room, loudspeaker",
      "Phone, Office, telephone",
      "Sailing boat, Miscellaneous, vessel",
      "Wardrobe, Bedroom, cabinet",
      "Bookcase, Living room, cabinet",
      "Kitchen cabinet, Kitchen, cabinet",
      "Wall shelf, Living room, cabinet",
      "Desk, Office, table",
      "Coffee table, Living room, table",
      "Table lamp, Lights, lamp",
      "Ceiling light, Lights, lamp",
      "Halogen, Lights, lamp",
      "Garden bench, Exterior, bench",
      "Airplane, Miscellaneous, airplane",
      "Hunting rifle, Miscellaneous, rifle",
      "Bed, Bedroom, null",
      "Wheelchair, Miscellaneous, null",
      "Biplane, Miscellaneous, airplane",
      "Rowboat, Exterior, vessel",
      "Shipping container, Exterior, null",
      "Mini stereo, Living room, loudspeaker",
      "White light source, Lights, null",
      "Inkjet printer and scanner, Office, null"})
  void mapsNamesAndCategories(String name, String category, String expected) {
    assertThat(ShapeNetCategories.of(name, category)).isEqualTo(expected);
  }
}
