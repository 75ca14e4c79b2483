package dev.rayform.core.store;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3-compatible bucket (AWS SDK v2 over the JDK's HttpURLConnection). A PUT is
 * atomic in S3 itself; the input is length-checked while it streams, so a short or overlong
 * input aborts the upload instead of storing a cut object. Download URLs are presigned GETs.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final long IN_MEMORY_LIMIT = 8L << 20;

  /** SigV4 presigned URLs live at most 7 days. */
  private static final Duration MAX_URL_TTL = Duration.ofDays(7);

  private final S3Settings settings;
  private final S3Client client;
  private final S3Presigner presigner;

  public S3ObjectStore(S3Settings settings) {
    this.settings = settings;
    AwsCredentialsProvider credentials = credentials(settings);
    Region region = Region.of(settings.region());
    S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(s3Config)
        // S3-compatible servers often lack the SDK's newer default (trailing CRC32 in
        // aws-chunked bodies); the checked stream plus S3's Content-Length check suffice.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    S3Presigner.Builder presignerBuilder = S3Presigner.builder()
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(s3Config);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
      presignerBuilder.endpointOverride(settings.endpoint());
    }
    this.client = builder.build();
    this.presigner = presignerBuilder.build();
  }

  public S3Settings settings() {
    return settings;
  }

  /** Creates the bucket when it does not exist (embedded setups and tests). */
  public void ensureBucket() {
    try {
      client.headBucket(b -> b.bucket(settings.bucket()));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw ObjectStoreException.failure("check bucket", settings.bucket(), e);
      }
      try {
        client.createBucket(b -> b.bucket(settings.bucket()));
      } catch (BucketAlreadyOwnedByYouException raced) {
        // created meanwhile by another process: fine
      } catch (SdkException createFailed) {
        throw ObjectStoreException.failure("create bucket", settings.bucket(), createFailed);
      }
    } catch (SdkException e) {
      throw ObjectStoreException.failure("check bucket", settings.bucket(), e);
    }
  }

  @Override
  public StoredObject put(String key, Path file, String contentType) {
    ObjectKeys.requireValidKey(key);
    long length;
    try {
      length = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ObjectStoreException(
          ObjectStoreException.INVALID_INPUT, "No such file to store: " + file, e);
    } catch (IOException e) {
      throw ObjectStoreException.failure("read " + file + " for", key, e);
    }
    // Reopened for every SDK retry.
    return upload(key, length, contentType, () -> Files.newInputStream(file));
  }

  @Override
  public StoredObject put(String key, byte[] bytes, String contentType) {
    ObjectKeys.requireValidKey(key);
    return upload(key, bytes.length, contentType, () -> new ByteArrayInputStream(bytes));
  }

  /**
   * The caller's stream is read once, checked against {@code length}, and kept (in memory up to
   * {@value #IN_MEMORY_LIMIT} bytes, else in a temporary file) so the SDK can replay the body when it
   * retries a request, as it does after a stale pooled connection.
   */
  @Override
  public StoredObject put(String key, InputStream in, long length, String contentType) {
    ObjectKeys.requireValidKey(key);
    CheckedInputStream checked = new CheckedInputStream(new NonClosingInputStream(in), length);
    if (length <= IN_MEMORY_LIMIT) {
      byte[] bytes;
      try {
        bytes = checked.readAllBytes();
      } catch (IOException e) {
        throw unreadable(key, e);
      }
      return upload(key, length, contentType, () -> new ByteArrayInputStream(bytes));
    }
    Path spool = null;
    try {
      spool = Files.createTempFile("rayform-s3-", ".part");
      try (var out = Files.newOutputStream(spool)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = checked.read(buffer, 0, buffer.length)) >= 0; ) {
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        if (checked.inputFailed()) {
          throw unreadable(key, e);
        }
        throw e;
      }
      Path body = spool;
      return upload(key, length, contentType, () -> Files.newInputStream(body));
    } catch (IOException e) {
      throw ObjectStoreException.failure("store", key, e);
    } finally {
      if (spool != null) {
        try {
          Files.deleteIfExists(spool);
        } catch (IOException ignored) {
          // a temporary file the OS cleans up
        }
      }
    }
  }

  private static ObjectStoreException unreadable(String key, IOException e) {
    return new ObjectStoreException(ObjectStoreException.INVALID_INPUT,
        "Cannot store '" + key + "': reading the input failed: " + e.getMessage(), e);
  }

  /** Opens the content; called again when the SDK retries. */
  private interface Opener {
    InputStream open() throws IOException;
  }

  private StoredObject upload(String key, long length, String contentType, Opener opener) {
    List<InputStream> opened = new ArrayList<>();
    List<CheckedInputStream> attempts = new ArrayList<>();
    ContentStreamProvider provider = () -> {
      try {
        InputStream source = opener.open();
        opened.add(source);
        CheckedInputStream checked = new CheckedInputStream(source, length);
        attempts.add(checked);
        return checked;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    String type = contentType == null ? "application/octet-stream" : contentType;
    try {
      client.putObject(
          b -> b.bucket(settings.bucket()).key(key).contentType(type).contentLength(length),
          RequestBody.fromContentProvider(provider, length, type));
      if (attempts.isEmpty()) {
        throw new IOException("The SDK sent no body");
      }
      return attempts.get(attempts.size() - 1).finish(key);
    } catch (SdkException | IOException | UncheckedIOException e) {
      if (attempts.stream().anyMatch(CheckedInputStream::inputFailed)) {
        throw new ObjectStoreException(
            ObjectStoreException.INVALID_INPUT,
            "Cannot store '" + key + "': reading the input failed: " + rootMessage(e), e);
      }
      throw ObjectStoreException.failure("store", key, e);
    } finally {
      for (InputStream source : opened) {
        try {
          source.close();
        } catch (IOException ignored) {
          // nothing to do about a failing close of our own copy
        }
      }
    }
  }

  @Override
  public InputStream get(String key) {
    ObjectKeys.requireValidKey(key);
    try {
      return client.getObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      throw ObjectStoreException.notFound(key);
    } catch (SdkException e) {
      throw ObjectStoreException.failure("read", key, e);
    }
  }

  @Override
  public long size(String key) {
    return head(key).map(HeadObjectResponse::contentLength).orElseThrow(() -> ObjectStoreException.notFound(key));
  }

  @Override
  public boolean exists(String key) {
    return head(key).isPresent();
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireValidKey(key);
    try {
      client.deleteObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (SdkException e) {
      throw ObjectStoreException.failure("delete", key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    List<String> keys = new ArrayList<>();
    try {
      client.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .forEach(keys::add);
    } catch (SdkException e) {
      throw ObjectStoreException.failure("list", prefix, e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public Optional<URI> downloadUrl(String key, Duration ttl) {
    ObjectKeys.requireValidKey(key);
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_URL_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be in (0, 7 days], was " + ttl);
    }
    try {
      URI url = presigner
          .presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> g.bucket(settings.bucket()).key(key)))
          .url()
          .toURI();
      return Optional.of(url);
    } catch (URISyntaxException | SdkException e) {
      throw ObjectStoreException.failure("presign", key, e);
    }
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
  }

  private Optional<HeadObjectResponse> head(String key) {
    ObjectKeys.requireValidKey(key);
    try {
      return Optional.of(client.headObject(b -> b.bucket(settings.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw ObjectStoreException.failure("stat", key, e);
    } catch (SdkException e) {
      throw ObjectStoreException.failure("stat", key, e);
    }
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.accessKeyId() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        settings.sessionToken() == null
            ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
            : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + settings + "]";
  }

  /** Keeps the caller's stream open: the caller owns it. */
  private static final class NonClosingInputStream extends FilterInputStream {
    NonClosingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
