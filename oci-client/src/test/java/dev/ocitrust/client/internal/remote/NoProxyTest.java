package dev.ocitrust.client.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NO_PROXY as Go's golang.org/x/net/http/httpproxy reads it. */
class NoProxyTest {
  private static boolean bypass(String noProxy, String host, int port) {
    return NoProxy.parse(noProxy, true).bypass(host, port);
  }

  @Test
  void domainsMatchTheHostAndItsSubdomains() {
    assertThat(bypass("foo.com", "foo.com", 443)).isTrue();
    assertThat(bypass("foo.com", "bar.foo.com", 443)).isTrue();
    assertThat(bypass("foo.com", "barfoo.com", 443)).isFalse();
    assertThat(bypass("FOO.com", "Bar.Foo.COM", 443)).isTrue();
  }

  @Test
  void aLeadingDotOrStarMatchesSubdomainsOnly() {
    assertThat(bypass(".foo.com", "foo.com", 443)).isFalse();
    assertThat(bypass(".foo.com", "x.foo.com", 443)).isTrue();
    assertThat(bypass("*.foo.com", "foo.com", 443)).isFalse();
    assertThat(bypass("*.foo.com", "x.y.foo.com", 443)).isTrue();
  }

  @Test
  void portsMustMatchWhenGiven() {
    assertThat(bypass("foo.com:443", "foo.com", 443)).isTrue();
    assertThat(bypass("foo.com:443", "foo.com", 5000)).isFalse();
    assertThat(bypass("10.0.0.1:5000", "10.0.0.1", 5000)).isTrue();
    assertThat(bypass("10.0.0.1:5000", "10.0.0.1", 5001)).isFalse();
    assertThat(bypass("[2001:db8::1]:443", "[2001:db8::1]", 443)).isTrue();
  }

  @Test
  void ipAddressesAndCidrRanges() {
    assertThat(bypass("10.0.0.0/8", "10.20.30.40", 443)).isTrue();
    assertThat(bypass("10.0.0.0/8", "11.0.0.1", 443)).isFalse();
    assertThat(bypass("192.168.1.0/24", "192.168.1.200", 443)).isTrue();
    assertThat(bypass("192.168.1.0/24", "192.168.2.1", 443)).isFalse();
    assertThat(bypass("2001:db8::/32", "[2001:db8:1::5]", 443)).isTrue();
    assertThat(bypass("2001:db8::/32", "[2001:db9::5]", 443)).isFalse();
    assertThat(bypass("10.0.0.1", "10.0.0.1", 80)).isTrue();
    // a range never matches a name (names are not resolved)
    assertThat(bypass("10.0.0.0/8", "ten.example", 443)).isFalse();
  }

  @Test
  void starAloneBypassesEverything() {
    assertThat(bypass("*", "anything.example", 443)).isTrue();
    assertThat(bypass(" a.example , * ", "b.example", 443)).isTrue();
  }

  @Test
  void emptyAndMalformedEntriesAreIgnored() {
    assertThat(bypass("", "foo.com", 443)).isFalse();
    assertThat(bypass(",, ,:80", "foo.com", 80)).isFalse();
    assertThat(bypass("1.2.3.4/99", "1.2.3.4", 443)).isFalse();
  }

  @Test
  void loopbackGoesDirectAsInGoUnlessAsked() {
    assertThat(bypass("", "localhost", 5000)).isTrue();
    assertThat(bypass("", "127.0.0.1", 5000)).isTrue();
    assertThat(bypass("", "127.9.9.9", 5000)).isTrue();
    assertThat(bypass("", "[::1]", 5000)).isTrue();
    assertThat(NoProxy.parse("", false).bypass("127.0.0.1", 5000)).isFalse();
    assertThat(NoProxy.parse("127.0.0.1", false).bypass("127.0.0.1", 5000)).isTrue();
  }
}
