package dev.rayform.gateway.webhooks;

import dev.rayform.core.PlatformException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard: a webhook URL's host is resolved and refused when any of its addresses is
 * loopback, private, link-local, CGNAT, multicast, unspecified or otherwise not public (IPv6 ULA and
 * link-local, and IPv4 embedded in IPv6 by the same rules), unless private targets are allowed.
 * Checked when a URL is registered and again before every attempt; the attempt then connects to the
 * address checked, so a DNS answer that changes in between (rebinding) cannot redirect it.
 * Resolving blocks: call off the event loop.
 */
public final class WebhookTargets {
  /** A checked URL and the address to connect to. */
  public record Target(URI uri, String host, int port, boolean ssl, InetAddress address) {}

  /** A URL refused, with a stable code: {@code webhook_url_invalid}, {@code webhook_url_forbidden}, {@code webhook_url_unresolvable}. */
  public static final class Refused extends PlatformException {
    private static final long serialVersionUID = 1L;

    Refused(String code, String message) {
      super(code, message);
    }
  }

  private final boolean allowPrivate;

  public WebhookTargets(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Checks the URL's form only (no DNS): http(s), a host, no credentials, at most 2048 characters. */
  public static URI parse(String url) {
    if (url == null || url.length() > 2048) {
      throw new Refused("webhook_url_invalid", "the webhook URL must be an http(s) URL of at most 2048 characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new Refused("webhook_url_invalid", "the webhook URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new Refused("webhook_url_invalid", "the webhook URL must be http:// or https:// with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("webhook_url_invalid", "the webhook URL must not carry credentials");
    }
    return uri;
  }

  /** Parses, resolves and checks the URL; the first address of the host is the one to connect to. */
  public Target check(String url) {
    URI uri = parse(url);
    String host = uri.getHost();
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!allowPrivate && ambiguousNumeric(bare)) {
      throw new Refused("webhook_url_forbidden", "the webhook host " + host
          + " is a numeric address in a non-canonical form (octal, hex, short or integer); write it as a dotted quad");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new Refused("webhook_url_unresolvable", "the webhook host " + host + " does not resolve");
    }
    if (!allowPrivate) {
      for (InetAddress a : addresses) {
        Optional<String> range = forbiddenRange(a);
        if (range.isPresent()) {
          throw new Refused("webhook_url_forbidden", "the webhook host " + host + " resolves to a " + range.get()
              + " address; only public addresses may receive webhooks");
        }
      }
    }
    boolean ssl = uri.getScheme().equalsIgnoreCase("https");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    return new Target(uri, bare, port, ssl, addresses[0]);
  }

  private static final java.util.regex.Pattern NUMERIC_LABEL = java.util.regex.Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
  private static final java.util.regex.Pattern DOTTED_QUAD =
      java.util.regex.Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  /**
   * A host whose labels are all numbers (decimal, octal with a leading 0, or 0x hex) but which is not
   * a canonical dotted quad: resolvers disagree on what {@code 0177.0.0.1}, {@code 0x7f.1} or
   * {@code 2130706433} mean (Java reads 0177 as decimal, libc as octal), so such hosts are refused.
   */
  static boolean ambiguousNumeric(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty() || h.contains(":") || DOTTED_QUAD.matcher(h).matches()) {
      return false;
    }
    for (String label : h.split("\\.", -1)) {
      if (!NUMERIC_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The kind of non-public range the address lies in, if any. */
  public static Optional<String> forbiddenRange(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (a.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (a.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (a.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return ipv4(b, 0);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return Optional.of("unique-local (ULA)");
      }
      if (isZero(b, 0, 12)) {
        return ipv4(b, 12); // IPv4-compatible ::a.b.c.d (and :: / ::1, handled above)
      }
      if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 8)) {
        return ipv4(b, 12); // NAT64 64:ff9b::/96
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return ipv4(b, 2); // 6to4 2002::/16
      }
      if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
        return Optional.of("documentation");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ipv4(byte[] b, int at) {
    int a0 = b[at] & 0xff;
    int a1 = b[at + 1] & 0xff;
    int a2 = b[at + 2] & 0xff;
    if (a0 == 0) {
      return Optional.of("unspecified");
    }
    if (a0 == 127) {
      return Optional.of("loopback");
    }
    if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168) {
      return Optional.of("private");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("link-local");
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("carrier-grade NAT");
    }
    if (a0 == 192 && a1 == 0 && a2 == 0 || a0 == 198 && (a1 & 0xfe) == 18) {
      return Optional.of("special-purpose");
    }
    if (a0 >= 224) {
      return Optional.of(a0 < 240 ? "multicast" : "reserved");
    }
    return Optional.empty();
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
