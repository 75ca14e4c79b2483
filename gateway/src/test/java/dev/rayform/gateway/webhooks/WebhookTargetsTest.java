package dev.rayform.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The SSRF guard's address ranges, on literal addresses (no DNS). */
class WebhookTargetsTest {
  @Test
  void nonPublicRangesAreForbidden() throws Exception {
    for (String a : new String[] {"127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.251", "239.255.255.250", "255.255.255.255", "240.0.0.1",
        "198.18.0.1", "192.0.0.8", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
        "2002:7f00:1::1", "::127.0.0.1"}) {
      assertThat(WebhookTargets.forbiddenRange(InetAddress.getByName(a))).as(a).isPresent();
    }
  }

  @Test
  void publicAddressesAreAllowed() throws Exception {
    for (String a : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700::1111",
        "64:ff9b::808:808", "2002:808:808::1"}) {
      assertThat(WebhookTargets.forbiddenRange(InetAddress.getByName(a))).as(a).isEmpty();
    }
    WebhookTargets.Target t = new WebhookTargets(false).check("https://93.184.216.34/hooks?x=1");
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.ssl()).isTrue();
  }

  @Test
  void theSwitchAllowsPrivateTargetsAndTheFormIsCheckedAlways() {
    assertThat(new WebhookTargets(true).check("http://127.0.0.1:9000/x").address().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> new WebhookTargets(false).check("http://[::1]/x"))
        .isInstanceOfSatisfying(WebhookTargets.Refused.class, e -> assertThat(e.code()).isEqualTo("webhook_url_forbidden"));
    for (String bad : new String[] {"ftp://example.com/", "http:///nohost", "http://u:p@example.com/", "not a url"}) {
      assertThatThrownBy(() -> new WebhookTargets(true).check(bad)).as(bad)
          .isInstanceOfSatisfying(WebhookTargets.Refused.class, e -> assertThat(e.code()).isEqualTo("webhook_url_invalid"));
    }
  }

  @Test
  void numericHostsInNonCanonicalFormsAreRefused() {
    // Java reads 0177.0.0.1 as 177.0.0.1 where libc and browsers read 127.0.0.1: ambiguous forms are refused outright.
    for (String host : new String[] {"0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "017700000001", "127.1", "2130706433", "127.000.000.001",
        "0", "0251.0376.0251.0376"}) {
      assertThat(WebhookTargets.ambiguousNumeric(host)).as(host).isTrue();
      // java.net.URI already takes no host from some (0x7f.0.0.1, 127.1): those are webhook_url_invalid.
      assertThatThrownBy(() -> new WebhookTargets(false).check("http://" + host + "/hook")).as(host)
          .isInstanceOfSatisfying(WebhookTargets.Refused.class, e -> assertThat(e.code()).isIn("webhook_url_forbidden", "webhook_url_invalid"));
    }
    for (String host : new String[] {"0177.0.0.1", "0x7f000001", "2130706433", "0"}) {
      assertThatThrownBy(() -> new WebhookTargets(false).check("http://" + host + "/hook")).as(host)
          .isInstanceOfSatisfying(WebhookTargets.Refused.class, e -> assertThat(e.code()).isEqualTo("webhook_url_forbidden"));
    }
    for (String host : new String[] {"93.184.216.34", "example.com", "cafe.be", "a1.example", "1.1.1.1", "8.8.8.8."}) {
      assertThat(WebhookTargets.ambiguousNumeric(host)).as(host).isFalse();
    }
  }
}
