package dev.rayform.launcher;

import java.net.URI;

/** A PostgreSQL address as the CLI takes it: {@code postgresql://user:password@host:port/database}. */
record PgUrl(String host, int port, String database, String user, String password) {

  /**
   * Parses {@code postgresql://} (or {@code postgres://}) URLs; the port defaults to 5432, the user
   * to postgres; percent-escapes in the user and password are decoded.
   *
   * @throws IllegalArgumentException when it is not such a URL
   */
  static PgUrl parse(String url) {
    URI u;
    try {
      u = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + e.getMessage());
    }
    if (!"postgresql".equalsIgnoreCase(u.getScheme()) && !"postgres".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://user:password@host:port/database)");
    }
    String database = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
    if (database.isEmpty()) {
      throw new IllegalArgumentException("the PostgreSQL URL names no database (postgresql://user:password@host:port/database)");
    }
    String[] userInfo = u.getUserInfo() == null ? new String[] {"postgres", ""} : u.getUserInfo().split(":", 2);
    return new PgUrl(u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, database, userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PgUrl[" + user + "@" + host + ":" + port + "/" + database + "]"; // never the password
  }
}
