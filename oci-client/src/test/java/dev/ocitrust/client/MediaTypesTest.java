package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/vnd.oci.image.manifest.v1+json",
        "application/spdx+json",
        "application/scitt-statement+cose",
        "text/plain",
        "a/b",
        "application/vnd.ocitrust.approval.v1+json"
      })
  void wellFormedMediaTypes(String type) {
    assertThat(MediaTypes.isValid(type)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "application",
        "application/",
        "/json",
        "application/json; charset=utf-8",
        "application/js on",
        "-app/json",
        "application/.json",
        "application/json/x",
        "anything at all"
      })
  void malformedMediaTypes(String type) {
    assertThat(MediaTypes.isValid(type)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void namesAreAtMost127Characters() {
    assertThat(MediaTypes.isValid("a/" + "b".repeat(127))).isTrue();
    assertThat(MediaTypes.isValid("a/" + "b".repeat(128))).isFalse();
  }
}
