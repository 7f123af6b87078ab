//! S3 buckets (`s3://bucket/prefix`): ListObjectsV2 pages streamed into the scan's bounded listing
//! queue, and GetObject bodies read as a stream (`Content::Stream`) by the same windows as local
//! files, so no object is ever held whole in memory and the decoders of the open path apply.
//! tokio stays in this module: a small runtime does the network calls; the scan's rayon workers
//! block on it (`Handle::block_on`) and do the matching themselves.
//!
//! Retries: the SDK retries every request (standard mode: exponential backoff with jitter on
//! throttling, 5xx, timeouts and connection errors). A body cut mid-stream is resumed here with a
//! Range GET from the first byte not yet read, pinned to the listed ETag (`If-Match`), so the
//! bytes already scanned are never re-read and a changed object cannot be spliced into the old one.
//!
//! Regions: a bucket in another region than the client's answers with a redirect; `Session::call`
//! finds its region, keeps a client for it per bucket, and sends the request again. With
//! `--inventory`, a target's objects come from an S3 Inventory report (`source::inventory`)
//! instead of ListObjectsV2, and go through the same scope as listed ones (`admit`).
//!
//! Invariant: every listed key comes out as an `Object`, a skip with a reason (storage class,
//! listing error), or is counted as out of the job's scope (globs, size, date, sample); none is
//! dropped silently.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_s3::Client;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::config::{Region, ResponseChecksumValidation};
use aws_sdk_s3::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_s3::primitives::ByteStream;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::posture::{BucketPosture, PublicAccessBlock};
use crate::skip::{Skip, SkipReason};
use crate::source::filter::PathFilter;
use crate::source::inventory;
use crate::source::{Content, Listed, Object, ObjectKind};

/// Storage classes whose objects cannot be read without a restore: skipped by default.
pub const ARCHIVED_CLASSES: [&str; 2] = ["GLACIER", "DEEP_ARCHIVE"];

/// Times a cut body is resumed before the object is recorded as a read error.
const BODY_RETRIES: u32 = 6;
/// How long a body may stay silent before it counts as cut.
const BODY_STALL: Duration = Duration::from_secs(60);

/// Options of the S3 source, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct S3Options {
    /// A profile of the shared config files (`--profile`); the provider chain's default otherwise.
    pub profile: Option<String>,
    pub region: Option<String>,
    /// An S3-compatible endpoint (MinIO, Ceph, R2, SeaweedFS).
    pub endpoint_url: Option<String>,
    /// Path-style addressing (`endpoint/bucket/key`), as most S3-compatible stores need.
    pub path_style: bool,
    /// Objects in flight at once (each on its own worker).
    pub concurrency: usize,
    /// Attempts per request, retries included.
    pub max_attempts: u32,
    pub scope: Scope,
    /// An S3 Inventory manifest (a local path or an `s3://` URL) whose objects are scanned
    /// instead of listing each target (`--inventory`).
    pub inventory: Option<String>,
}

impl Default for S3Options {
    fn default() -> Self {
        S3Options {
            profile: None,
            region: None,
            endpoint_url: None,
            path_style: false,
            concurrency: 32,
            max_attempts: 8,
            scope: Scope::default(),
            inventory: None,
        }
    }
}

/// Which listed objects a scan reads, as in a Macie job. Objects outside the scope are counted
/// as excluded; archived objects are recorded as skipped with their storage class.
#[derive(Clone, Debug)]
pub struct Scope {
    pub min_size: Option<u64>,
    pub max_size: Option<u64>,
    pub modified_since: Option<SystemTime>,
    pub modified_before: Option<SystemTime>,
    /// Share of objects scanned, in hundredths of a percent (10000 = all), picked by key hash.
    pub sample_basis_points: u32,
    pub skip_storage_classes: Vec<String>,
}

impl Default for Scope {
    fn default() -> Self {
        Scope {
            min_size: None,
            max_size: None,
            modified_since: None,
            modified_before: None,
            sample_basis_points: 10_000,
            skip_storage_classes: ARCHIVED_CLASSES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Scope {
    /// Whether an object of `size` bytes, last modified at `modified`, is in the job.
    fn admits(&self, key: &str, size: u64, modified: Option<SystemTime>) -> bool {
        if self.min_size.is_some_and(|min| size < min) || self.max_size.is_some_and(|max| size > max) {
            return false;
        }
        if let Some(modified) = modified
            && (self.modified_since.is_some_and(|since| modified < since)
                || self.modified_before.is_some_and(|before| modified >= before))
        {
            return false;
        }
        self.sample_basis_points >= 10_000 || sampled(key, self.sample_basis_points)
    }
}

/// Deterministic sampling: the key's SHA-256 picks a bucket in 0..10000, so reruns (and shards)
/// agree on which objects are in the sample.
pub fn sampled(key: &str, basis_points: u32) -> bool {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % 10_000) < u64::from(basis_points)
}

/// An object in a bucket: where it is and which version was listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Object {
    pub bucket: String,
    pub key: String,
    /// The listed ETag: the object's version for incremental scans, and the `If-Match` of resumed
    /// reads.
    pub etag: Option<String>,
    pub storage_class: Option<String>,
    /// The session that listed it (the client to read it with).
    pub session: SessionHandle,
}

/// The shared session, compared by identity so that `Object` stays comparable.
#[derive(Clone)]
pub struct SessionHandle(pub Arc<Session>);

impl PartialEq for SessionHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SessionHandle {}

impl std::fmt::Debug for SessionHandle {
    // Never prints the client: its configuration holds the credentials provider.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("S3Session")
    }
}

/// One client and the runtime it runs on, built once per scan.
pub struct Session {
    runtime: tokio::runtime::Runtime,
    /// The client of the configured region (`--region`, the provider chain's, or us-east-1).
    pub client: Client,
    /// Clients for buckets found to live in another region, by bucket.
    regional: Mutex<HashMap<String, Client>>,
    scope: Scope,
    inventory: Option<String>,
    /// Listed keys left out by the job's scope (globs, size, date, sample).
    excluded: AtomicU64,
}

impl Session {
    /// Builds the client from the standard provider chain (environment, profile files, SSO,
    /// container and instance roles) and the flags. Loading reads configuration only: the first
    /// network call is the first listing.
    pub fn new(options: &S3Options) -> Result<Session, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("piiscan-s3")
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the S3 runtime: {e}"))?;
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(options.max_attempts.max(1))
                    .with_initial_backoff(Duration::from_millis(100))
                    .with_max_backoff(Duration::from_secs(10)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(10))
                    .read_timeout(BODY_STALL)
                    .build(),
            );
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &options.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(endpoint) = &options.endpoint_url {
            loader = loader.endpoint_url(endpoint);
        }
        let shared = runtime.block_on(loader.load());
        let mut config = aws_sdk_s3::config::Builder::from(&shared)
            .force_path_style(options.path_style)
            // Some S3-compatible stores send the whole object's checksum with a Range GET, which
            // would fail every resumed read; TLS and the length check still guard the bytes.
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired);
        if shared.region().is_none() {
            config = config.region(Region::new("us-east-1"));
        }
        Ok(Session {
            client: Client::from_conf(config.build()),
            regional: Mutex::new(HashMap::new()),
            runtime,
            scope: options.scope.clone(),
            inventory: options.inventory.clone(),
            excluded: AtomicU64::new(0),
        })
    }

    /// Runs a future to completion from a thread outside the runtime (a lister or a worker).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.handle().block_on(future)
    }

    /// Listed keys left out by the job's scope so far.
    pub fn excluded(&self) -> u64 {
        self.excluded.load(Ordering::Relaxed)
    }

    /// The client for `bucket`: its region's, once a redirect has shown it lives elsewhere.
    pub fn client_for(&self, bucket: &str) -> Client {
        let regional = self.regional.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        regional.get(bucket).unwrap_or(&self.client).clone()
    }

    /// Runs `request` with the client for `bucket`. When S3 answers that the bucket lives in
    /// another region, finds that region, keeps a client for it (every later call on the bucket
    /// uses it) and runs `request` once more.
    // The SDK's own error, passed on as every SDK call returns it.
    #[allow(clippy::result_large_err)]
    pub fn call<T, E, F>(
        &self,
        bucket: &str,
        request: impl Fn(&Client) -> F,
    ) -> Result<T, aws_sdk_s3::error::SdkError<E, HttpResponse>>
    where
        F: Future<Output = Result<T, aws_sdk_s3::error::SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata,
    {
        let first = self.block_on(request(&self.client_for(bucket)));
        let Err(error) = &first else { return first };
        let Some(redirect) = redirect_of(error) else {
            return first;
        };
        match self.relocate(bucket, redirect) {
            Some(client) => self.block_on(request(&client)),
            None => first,
        }
    }

    /// A client for the region `bucket` lives in, cached for the bucket; None when that region
    /// cannot be found or is the one already tried.
    fn relocate(&self, bucket: &str, redirect: Redirect) -> Option<Client> {
        let region = match redirect {
            Redirect::To(region) => region,
            Redirect::Unknown => self.find_region(bucket)?,
        };
        let tried = self.client_for(bucket);
        if tried.config().region().is_some_and(|r| r.as_ref() == region) {
            return None;
        }
        let config = self.client.config().to_builder().region(Region::new(region)).build();
        let client = Client::from_conf(config);
        let mut regional = self.regional.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        regional.insert(bucket.to_string(), client.clone());
        Some(client)
    }

    /// The region of `bucket`: HeadBucket's `x-amz-bucket-region` (S3 gives it even with a
    /// redirect or a denial), else GetBucketLocation.
    fn find_region(&self, bucket: &str) -> Option<String> {
        match self.block_on(self.client.head_bucket().bucket(bucket).send()) {
            Ok(output) => {
                if let Some(region) = output.bucket_region() {
                    return Some(region.to_string());
                }
            }
            Err(e) => {
                if let Some(region) = region_header(e.raw_response()) {
                    return Some(region);
                }
            }
        }
        let location = self
            .block_on(self.client.get_bucket_location().bucket(bucket).send())
            .ok()?;
        Some(location_region(
            location.location_constraint().map_or("", |c| c.as_str()),
        ))
    }
}

/// What a failed request says about where its bucket lives.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Redirect {
    /// The bucket is in this region.
    To(String),
    /// The bucket is in another region, not named: ask HeadBucket.
    Unknown,
}

/// Whether an answer means "the bucket is in another region", and which: 301 PermanentRedirect
/// and 307 TemporaryRedirect (the region in `x-amz-bucket-region`, or none for a HEAD), 400
/// AuthorizationHeaderMalformed ("the region 'us-east-1' is wrong; expecting 'eu-west-1'") and
/// IllegalLocationConstraintException. A denial names the region too, but is not a redirect.
fn redirect(status: Option<u16>, code: Option<&str>, message: Option<&str>, region: Option<&str>) -> Option<Redirect> {
    let redirected = matches!(status, Some(301 | 307))
        || matches!(
            code,
            Some(
                "PermanentRedirect"
                    | "TemporaryRedirect"
                    | "AuthorizationHeaderMalformed"
                    | "IllegalLocationConstraintException"
            )
        );
    if !redirected {
        return None;
    }
    let expected = message.and_then(|m| {
        let (_, rest) = m.split_once("expecting '")?;
        let (region, _) = rest.split_once('\'')?;
        Some(region)
    });
    match region.or(expected).filter(|r| !r.is_empty()) {
        Some(region) => Some(Redirect::To(region.to_string())),
        // A malformed header that names no region is not about regions.
        None if code == Some("AuthorizationHeaderMalformed") => None,
        None => Some(Redirect::Unknown),
    }
}

/// `redirect` of an SDK error: its status, code, message and `x-amz-bucket-region` header.
fn redirect_of<E: ProvideErrorMetadata>(error: &aws_sdk_s3::error::SdkError<E, HttpResponse>) -> Option<Redirect> {
    let raw = error.raw_response();
    let status = raw.map(|r| r.status().as_u16());
    let header = region_header(raw);
    redirect(status, error.code(), error.message(), header.as_deref())
}

fn region_header(response: Option<&HttpResponse>) -> Option<String> {
    response?.headers().get("x-amz-bucket-region").map(str::to_string)
}

/// GetBucketLocation's answer as a region: empty is us-east-1, `EU` the old name of eu-west-1.
fn location_region(constraint: &str) -> String {
    match constraint {
        "" => "us-east-1".to_string(),
        "EU" => "eu-west-1".to_string(),
        region => region.to_string(),
    }
}

/// `s3://bucket/prefix` split into bucket and prefix; None when `target` is not an S3 URL.
pub fn parse_target(target: &str) -> Option<(String, String)> {
    let rest = target.strip_prefix("s3://")?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then(|| (bucket.to_string(), prefix.to_string()))
}

pub fn is_target(target: &str) -> bool {
    target.starts_with("s3://")
}

/// Lists one `s3://bucket/prefix` target page by page, emitting each object in scope as it comes
/// (the caller's queue is bounded, so listing stays just ahead of scanning). With `--inventory`,
/// the target's objects come from the inventory report instead, through the same scope.
pub fn list(
    session: &Arc<Session>,
    target: &str,
    paths: &PathFilter,
    cancel: &AtomicBool,
    mut emit: impl FnMut(Listed),
) {
    let Some((bucket, prefix)) = parse_target(target) else {
        return emit(Listed::Skipped {
            name: target.to_string(),
            target: target.to_string(),
            skip: Skip::new(SkipReason::NotFound, "not an s3://bucket/prefix URL"),
        });
    };
    if let Some(manifest) = &session.inventory {
        return list_inventory(session, manifest, target, paths, cancel, &mut emit);
    }
    let paginate = |client: &Client| {
        client
            .list_objects_v2()
            .bucket(&bucket)
            .prefix(&prefix)
            .into_paginator()
            .send()
    };
    let mut pages = paginate(&session.client_for(&bucket));
    let mut first = true;
    while !cancel.load(Ordering::Relaxed) {
        let next = session.block_on(pages.next());
        // A bucket in another region answers the first page with a redirect: list it again
        // with a client for its region.
        if first
            && let Some(Err(e)) = &next
            && let Some(client) = redirect_of(e).and_then(|r| session.relocate(&bucket, r))
        {
            pages = paginate(&client);
            first = false;
            continue;
        }
        first = false;
        let page = match next {
            None => return,
            Some(Ok(page)) => page,
            Some(Err(e)) => {
                return emit(Listed::Skipped {
                    name: target.to_string(),
                    target: target.to_string(),
                    skip: request_skip(&e, "ListObjectsV2"),
                });
            }
        };
        for entry in page.contents() {
            let Some(key) = entry.key() else { continue };
            let listed = Entry {
                bucket: &bucket,
                key,
                size: entry.size().map_or(0, |s| s.max(0) as u64),
                modified: entry.last_modified().and_then(|t| SystemTime::try_from(*t).ok()),
                etag: entry.e_tag().map(str::to_string),
                storage_class: entry.storage_class().map(|c| c.as_str().to_string()),
            };
            admit(session, target, paths, listed, &mut emit);
        }
    }
}

/// One object as a listing or an inventory names it.
struct Entry<'a> {
    bucket: &'a str,
    key: &'a str,
    size: u64,
    modified: Option<SystemTime>,
    /// Quoted, as ListObjectsV2 gives it (the form `--state` keys results by).
    etag: Option<String>,
    storage_class: Option<String>,
}

/// Emits a listed object when the job's scope admits it: as an object to read, or as a skip
/// when its storage class needs a restore; counts it as excluded otherwise.
fn admit(session: &Arc<Session>, target: &str, paths: &PathFilter, entry: Entry<'_>, emit: &mut dyn FnMut(Listed)) {
    let name = format!("s3://{}/{}", entry.bucket, entry.key);
    if !paths.allows(&name, target) || !session.scope.admits(entry.key, entry.size, entry.modified) {
        session.excluded.fetch_add(1, Ordering::Relaxed);
        return;
    }
    if let Some(class) = &entry.storage_class
        && session
            .scope
            .skip_storage_classes
            .iter()
            .any(|c| c.eq_ignore_ascii_case(class))
    {
        return emit(Listed::Skipped {
            name,
            target: target.to_string(),
            skip: Skip::new(
                SkipReason::StorageClass,
                format!("storage class {class} needs a restore before it can be read (--skip-storage-classes)"),
            ),
        });
    }
    emit(Listed::Object(Object {
        name,
        target: target.to_string(),
        size: Some(entry.size),
        kind: ObjectKind::S3(S3Object {
            bucket: entry.bucket.to_string(),
            key: entry.key.to_string(),
            etag: entry.etag,
            storage_class: entry.storage_class,
            session: SessionHandle(Arc::clone(session)),
        }),
    }));
}

/// The objects of `target` as the inventory report at `manifest` lists them. The report must
/// describe the target's bucket; its objects outside the target's prefix are not part of the
/// scan (as a listing of the prefix would not name them). A report that cannot be read records
/// the target as skipped, as a failed listing does.
fn list_inventory(
    session: &Arc<Session>,
    manifest: &str,
    target: &str,
    paths: &PathFilter,
    cancel: &AtomicBool,
    emit: &mut dyn FnMut(Listed),
) {
    use std::ops::ControlFlow;
    let Some((bucket, prefix)) = parse_target(target) else {
        return;
    };
    let failed = |detail: String| Listed::Skipped {
        name: target.to_string(),
        target: target.to_string(),
        skip: Skip::new(SkipReason::ReadError, format!("--inventory {manifest}: {detail}")),
    };
    let report = match inventory_manifest(session, manifest) {
        Ok(report) => report,
        Err(e) => return emit(failed(e)),
    };
    if report.source_bucket != bucket {
        return emit(failed(format!(
            "the inventory lists the objects of bucket {:?}, not of {bucket:?}",
            report.source_bucket
        )));
    }
    let store: Box<dyn inventory::Store> = match parse_target(manifest) {
        Some((manifest_bucket, _)) => Box::new(BucketStore {
            session: Arc::clone(session),
            // Data file keys are relative to the destination bucket; a manifest without one has
            // its data files beside it.
            bucket: report.destination().map_or(manifest_bucket, str::to_string),
        }),
        None => Box::new(inventory::LocalStore {
            manifest: manifest.into(),
        }),
    };
    let read = report.objects(store.as_ref(), &mut |object| {
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(());
        }
        if object.bucket == bucket && object.key.starts_with(&prefix) {
            let entry = Entry {
                bucket: &bucket,
                key: &object.key,
                size: object.size.unwrap_or(0),
                modified: object
                    .last_modified
                    .as_deref()
                    .and_then(|t| humantime::parse_rfc3339_weak(t).ok()),
                etag: object.etag.map(|e| format!("\"{e}\"")),
                storage_class: object.storage_class,
            };
            admit(session, target, paths, entry, emit);
        }
        ControlFlow::Continue(())
    });
    if let Err(e) = read {
        emit(failed(e.to_string()));
    }
}

/// The largest manifest read (a manifest names files, not objects: a few kilobytes).
const MANIFEST_LIMIT: u64 = 64 << 20;

/// Reads and parses the manifest at a local path or an `s3://bucket/key` URL.
fn inventory_manifest(session: &Arc<Session>, manifest: &str) -> Result<inventory::Manifest, String> {
    let text = match parse_target(manifest) {
        None => std::fs::read_to_string(manifest).map_err(|e| format!("cannot read it: {e}"))?,
        Some((bucket, key)) => {
            let Content::Stream(body) = open(&unlisted(session, bucket, key)).map_err(|skip| skip.detail)? else {
                return Err("not a stream".into());
            };
            let mut text = String::new();
            body.take(MANIFEST_LIMIT)
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read it: {e}"))?;
            text
        }
    };
    inventory::Manifest::parse(&text, manifest).map_err(|e| e.to_string())
}

/// An object named by the user rather than listed (no ETag known before it is read).
fn unlisted(session: &Arc<Session>, bucket: String, key: String) -> S3Object {
    S3Object {
        bucket,
        key,
        etag: None,
        storage_class: None,
        session: SessionHandle(Arc::clone(session)),
    }
}

/// An inventory's destination bucket, as the store its data files are read from.
struct BucketStore {
    session: Arc<Session>,
    bucket: String,
}

impl inventory::Store for BucketStore {
    fn stream(&self, key: &str) -> Result<Box<dyn Read + '_>, Error> {
        match open(&unlisted(&self.session, self.bucket.clone(), key.to_string())) {
            Ok(Content::Stream(body)) => Ok(Box::new(body)),
            Ok(Content::Mapped(map)) => Ok(Box::new(io::Cursor::new(map))),
            Ok(Content::Read(bytes)) => Ok(Box::new(io::Cursor::new(bytes))),
            Err(skip) => Err(self.error(key, io::Error::other(skip.detail))),
        }
    }

    fn file(&self, key: &str) -> Result<std::fs::File, Error> {
        let mut body = self.stream(key)?;
        let mut file = tempfile::tempfile().map_err(|e| self.error(key, e))?;
        io::copy(&mut body, &mut file).map_err(|e| self.error(key, e))?;
        Ok(file)
    }
}

impl BucketStore {
    fn error(&self, key: &str, e: io::Error) -> Error {
        Error::io(std::path::Path::new(&format!("s3://{}/{key}", self.bucket)), e)
    }
}

/// Opens an object's current version as a stream. Errors that persist through the SDK's
/// retries become the skip a user acts on.
pub fn open(object: &S3Object) -> Result<Content, Skip> {
    let (body, etag) = get(object, 0)?;
    // A resumed read is pinned to the version this read started on, which may be newer than
    // the one listed (an inventory is up to a day old).
    let mut object = object.clone();
    if etag.is_some() {
        object.etag = etag;
    }
    Ok(Content::Stream(Box::new(Body {
        object,
        body,
        chunk: bytes_empty(),
        offset: 0,
        retries: 0,
    })))
}

fn bytes_empty() -> bytes::Bytes {
    bytes::Bytes::new()
}

/// GetObject from byte `from` on, pinned to the object's ETag when resuming; the body and the
/// ETag of the version read.
fn get(object: &S3Object, from: u64) -> Result<(ByteStream, Option<String>), Skip> {
    let session = &object.session.0;
    let request = |client: &Client| {
        let mut request = client.get_object().bucket(&object.bucket).key(&object.key);
        if from > 0 {
            request = request.range(format!("bytes={from}-"));
            if let Some(etag) = &object.etag {
                request = request.if_match(etag);
            }
        }
        request.send()
    };
    match session.call(&object.bucket, request) {
        Ok(output) => Ok((output.body, output.e_tag)),
        Err(e) => Err(request_skip(&e, "GetObject")),
    }
}

/// Maps an S3 error that outlived the retries to a skip: denials (including KMS keys the caller
/// may not use), missing keys (deleted since the listing), archived objects, and the rest.
fn request_skip<E, R>(error: &aws_sdk_s3::error::SdkError<E, R>, call: &str) -> Skip
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let code = error.code().unwrap_or_default();
    let message = error.message().unwrap_or_default();
    let reason = match code {
        "AccessDenied" | "AllAccessDisabled" | "InvalidAccessKeyId" | "SignatureDoesNotMatch" => {
            SkipReason::PermissionDenied
        }
        c if c.starts_with("KMS") => SkipReason::PermissionDenied,
        "NoSuchKey" | "NoSuchBucket" => SkipReason::NotFound,
        "InvalidObjectState" => SkipReason::StorageClass,
        _ => SkipReason::ReadError,
    };
    let detail = if code.is_empty() {
        format!("{call}: {}", DisplayErrorContext(error))
    } else {
        format!("{call}: {code}: {message}")
    };
    Skip::new(reason, detail)
}

/// A GetObject body as a blocking reader, resumed with a Range GET when the connection is cut.
struct Body {
    object: S3Object,
    body: ByteStream,
    chunk: bytes::Bytes,
    /// Bytes handed to the reader so far: where a resumed read starts.
    offset: u64,
    retries: u32,
}

impl Body {
    /// The next chunk of the body, or None at its end.
    fn next_chunk(&mut self) -> io::Result<Option<bytes::Bytes>> {
        loop {
            let session = Arc::clone(&self.object.session.0);
            let next = session.block_on(async { tokio::time::timeout(BODY_STALL, self.body.next()).await });
            let failure = match next {
                Ok(None) => return Ok(None),
                Ok(Some(Ok(bytes))) => return Ok(Some(bytes)),
                Ok(Some(Err(e))) => e.to_string(),
                Err(_) => format!("no data for {}s", BODY_STALL.as_secs()),
            };
            self.retries += 1;
            if self.retries > BODY_RETRIES {
                return Err(io::Error::other(format!(
                    "the body was cut {} times (last: {failure})",
                    self.retries - 1
                )));
            }
            std::thread::sleep(backoff(self.retries));
            match get(&self.object, self.offset) {
                Ok((body, _)) => self.body = body,
                Err(skip) if skip.detail.contains("PreconditionFailed") => {
                    return Err(io::Error::other(format!(
                        "the object changed while it was read ({})",
                        skip.detail
                    )));
                }
                Err(skip) => return Err(io::Error::other(skip.detail)),
            }
        }
    }
}

/// Exponential backoff with full jitter: a random wait up to 100 ms × 2^attempt, capped at 10 s.
fn backoff(attempt: u32) -> Duration {
    let ceiling = 100u64.saturating_mul(1 << attempt.min(7)).min(10_000);
    let mut random = [0u8; 8];
    let jitter = match getrandom::fill(&mut random) {
        Ok(()) => u64::from_le_bytes(random) % ceiling.max(1),
        Err(_) => ceiling / 2,
    };
    Duration::from_millis(jitter)
}

impl Read for Body {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.chunk.is_empty() {
            match self.next_chunk()? {
                Some(chunk) => self.chunk = chunk,
                None => return Ok(0),
            }
        }
        let n = self.chunk.len().min(out.len());
        out[..n].copy_from_slice(&self.chunk[..n]);
        let _ = self.chunk.split_to(n);
        self.offset += n as u64;
        Ok(n)
    }
}

/// Every bucket the caller can see (ListBuckets), by name.
pub fn bucket_names(session: &Session) -> Result<Vec<String>, String> {
    let output = session
        .block_on(session.client.list_buckets().send())
        .map_err(|e| request_skip(&e, "ListBuckets").detail)?;
    Ok(output
        .buckets()
        .iter()
        .filter_map(|b| b.name().map(str::to_string))
        .collect())
}

/// One bucket's posture, from read-only calls (Get* only). A call that fails leaves its setting
/// unknown and records why; "not configured" answers are settings, not errors.
pub fn bucket_posture(session: &Session, bucket: &str) -> BucketPosture {
    let mut posture = BucketPosture {
        bucket: bucket.to_string(),
        ..BucketPosture::default()
    };
    let mut errors = Vec::new();
    match session.call(bucket, |c| c.get_public_access_block().bucket(bucket).send()) {
        Ok(out) => {
            posture.public_access_block = out.public_access_block_configuration().map(|p| PublicAccessBlock {
                block_public_acls: p.block_public_acls().unwrap_or(false),
                ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
                block_public_policy: p.block_public_policy().unwrap_or(false),
                restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
            })
        }
        Err(e) if e.code() == Some("NoSuchPublicAccessBlockConfiguration") => {}
        Err(e) => errors.push(posture_error(
            "GetPublicAccessBlock",
            e.code().unwrap_or_default(),
            &request_skip(&e, "").detail,
        )),
    }
    match session.call(bucket, |c| c.get_bucket_encryption().bucket(bucket).send()) {
        Ok(out) => {
            let rule = out
                .server_side_encryption_configuration()
                .and_then(|conf| conf.rules().first())
                .and_then(|rule| rule.apply_server_side_encryption_by_default());
            posture.default_encryption = rule.map(|r| r.sse_algorithm().as_str().to_string());
            posture.kms_key = rule.and_then(|r| r.kms_master_key_id().map(str::to_string));
        }
        Err(e) if e.code() == Some("ServerSideEncryptionConfigurationNotFoundError") => {}
        Err(e) => errors.push(posture_error(
            "GetBucketEncryption",
            e.code().unwrap_or_default(),
            &request_skip(&e, "").detail,
        )),
    }
    match session.call(bucket, |c| c.get_bucket_versioning().bucket(bucket).send()) {
        Ok(out) => posture.versioning = Some(out.status().map_or("Disabled".to_string(), |s| s.as_str().to_string())),
        Err(e) => errors.push(posture_error(
            "GetBucketVersioning",
            e.code().unwrap_or_default(),
            &request_skip(&e, "").detail,
        )),
    }
    let mut public = Some(false);
    let mut shared = std::collections::BTreeSet::new();
    match session.call(bucket, |c| c.get_bucket_policy().bucket(bucket).send()) {
        Ok(out) => match crate::posture::policy_grants(out.policy().unwrap_or("{}")) {
            Ok(grants) => {
                public = public.map(|p| p || grants.public);
                shared.extend(grants.accounts);
            }
            Err(e) => {
                public = None;
                errors.push(format!("GetBucketPolicy: {e}"));
            }
        },
        Err(e) if e.code() == Some("NoSuchBucketPolicy") => {}
        Err(e) => {
            public = None;
            errors.push(posture_error(
                "GetBucketPolicy",
                e.code().unwrap_or_default(),
                &request_skip(&e, "").detail,
            ));
        }
    }
    match session.call(bucket, |c| c.get_bucket_acl().bucket(bucket).send()) {
        Ok(out) => {
            let owner = out.owner().and_then(|o| o.id()).unwrap_or_default().to_string();
            for grantee in out.grants().iter().filter_map(|g| g.grantee()) {
                let uri = grantee.uri().unwrap_or_default();
                if uri.ends_with("/global/AllUsers") || uri.ends_with("/global/AuthenticatedUsers") {
                    public = public.map(|_| true);
                } else if let Some(id) = grantee.id().filter(|id| !id.is_empty() && *id != owner) {
                    shared.insert(format!("canonical:{id}"));
                }
            }
        }
        Err(e) => {
            public = None;
            errors.push(posture_error(
                "GetBucketAcl",
                e.code().unwrap_or_default(),
                &request_skip(&e, "").detail,
            ));
        }
    }
    // Block Public Access overrides what the policy and ACL say.
    if posture.public_access_block.as_ref().is_some_and(|b| b.all_on()) {
        public = Some(false);
    }
    posture.public = public;
    posture.shared_with = shared.into_iter().collect();
    posture.errors = errors;
    posture
}

fn posture_error(call: &str, code: &str, detail: &str) -> String {
    match code {
        "" => format!("{call}{detail}"),
        _ => format!("{call}: {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_bucket_and_prefix() {
        assert_eq!(parse_target("s3://b"), Some(("b".into(), "".into())));
        assert_eq!(parse_target("s3://b/2026/x"), Some(("b".into(), "2026/x".into())));
        assert_eq!(parse_target("s3:///x"), None);
        assert_eq!(parse_target("/tmp/x"), None);
    }

    #[test]
    fn sampling_is_stable_and_near_the_asked_share() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("logs/{i}.txt")).collect();
        let picked = keys.iter().filter(|k| sampled(k, 1_000)).count();
        assert!((800..1200).contains(&picked), "{picked}");
        assert!(keys.iter().all(|k| sampled(k, 1_000) == sampled(k, 1_000)));
        assert!(keys.iter().filter(|k| sampled(k, 1_000)).all(|k| sampled(k, 2_000)));
    }

    #[test]
    fn scope_bounds_size_and_date() {
        let day = Duration::from_secs(86_400);
        let now = SystemTime::UNIX_EPOCH + day * 20_000;
        let scope = Scope {
            min_size: Some(10),
            max_size: Some(100),
            modified_since: Some(now - day),
            modified_before: Some(now + day),
            ..Scope::default()
        };
        assert!(scope.admits("k", 50, Some(now)));
        assert!(!scope.admits("k", 5, Some(now)));
        assert!(!scope.admits("k", 101, Some(now)));
        assert!(!scope.admits("k", 50, Some(now - day * 2)));
        assert!(!scope.admits("k", 50, Some(now + day)));
    }

    /// A service error as the SDK builds it from a response: status, `x-amz-bucket-region`, and
    /// the code and message of its XML body.
    fn service_error(
        status: u16,
        region: Option<&str>,
        code: &str,
        message: &str,
    ) -> aws_sdk_s3::error::SdkError<aws_sdk_s3::operation::get_object::GetObjectError, HttpResponse> {
        use aws_sdk_s3::error::ErrorMetadata;
        use aws_sdk_s3::operation::get_object::GetObjectError;
        use aws_sdk_s3::primitives::SdkBody;
        use aws_smithy_runtime_api::http::StatusCode;
        let mut raw = HttpResponse::new(StatusCode::try_from(status).expect("a valid status"), SdkBody::empty());
        if let Some(region) = region {
            raw.headers_mut().insert("x-amz-bucket-region", region.to_string());
        }
        let mut metadata = ErrorMetadata::builder();
        if !code.is_empty() {
            metadata = metadata.code(code).message(message);
        }
        aws_sdk_s3::error::SdkError::service_error(GetObjectError::generic(metadata.build()), raw)
    }

    #[test]
    fn a_permanent_redirect_names_the_region_in_its_header() {
        let error = service_error(
            301,
            Some("eu-west-1"),
            "PermanentRedirect",
            "The bucket you are attempting to access must be addressed using the specified endpoint.",
        );
        assert_eq!(redirect_of(&error), Some(Redirect::To("eu-west-1".into())));
    }

    #[test]
    fn a_head_redirect_without_body_or_region_asks_for_the_region() {
        // HEAD answers carry no body, so no code: the status alone says redirect.
        assert_eq!(redirect_of(&service_error(301, None, "", "")), Some(Redirect::Unknown));
        let temporary = service_error(307, None, "TemporaryRedirect", "Please re-send this request");
        assert_eq!(redirect_of(&temporary), Some(Redirect::Unknown));
    }

    #[test]
    fn a_wrong_signing_region_is_read_from_the_message() {
        let error = service_error(
            400,
            None,
            "AuthorizationHeaderMalformed",
            "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-southeast-2'",
        );
        assert_eq!(redirect_of(&error), Some(Redirect::To("ap-southeast-2".into())));
        let with_header = service_error(400, Some("sa-east-1"), "AuthorizationHeaderMalformed", "malformed");
        assert_eq!(redirect_of(&with_header), Some(Redirect::To("sa-east-1".into())));
        let not_regional = service_error(400, None, "AuthorizationHeaderMalformed", "malformed");
        assert_eq!(redirect_of(&not_regional), None);
    }

    #[test]
    fn denials_and_missing_keys_are_not_redirects_even_with_a_region_header() {
        let denied = service_error(403, Some("eu-west-1"), "AccessDenied", "Access Denied");
        assert_eq!(redirect_of(&denied), None);
        assert_eq!(redirect_of(&service_error(404, None, "NoSuchKey", "gone")), None);
        let timeout: aws_sdk_s3::error::SdkError<aws_sdk_s3::operation::get_object::GetObjectError, HttpResponse> =
            aws_sdk_s3::error::SdkError::timeout_error("slow");
        assert_eq!(redirect_of(&timeout), None);
    }

    #[test]
    fn bucket_locations_map_to_regions() {
        assert_eq!(location_region(""), "us-east-1");
        assert_eq!(location_region("EU"), "eu-west-1");
        assert_eq!(location_region("ap-south-1"), "ap-south-1");
    }

    #[test]
    fn a_relocated_bucket_keeps_its_own_client() {
        let options = S3Options {
            region: Some("us-east-1".into()),
            endpoint_url: Some("http://127.0.0.1:9".into()),
            ..S3Options::default()
        };
        let session = Session::new(&options).expect("a session");
        let region = |client: &Client| client.config().region().map(|r| r.as_ref().to_string());
        assert_eq!(region(&session.client_for("far")).as_deref(), Some("us-east-1"));
        let client = session
            .relocate("far", Redirect::To("eu-central-1".into()))
            .expect("another region");
        assert_eq!(region(&client).as_deref(), Some("eu-central-1"));
        assert_eq!(region(&session.client_for("far")).as_deref(), Some("eu-central-1"));
        assert_eq!(region(&session.client_for("near")).as_deref(), Some("us-east-1"));
        // The region already tried is not tried again.
        assert!(session.relocate("far", Redirect::To("eu-central-1".into())).is_none());
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        for attempt in 0..20 {
            assert!(backoff(attempt) <= Duration::from_secs(10));
        }
    }
}
