//! Stable identifiers of programmes for other programs: the UID of a
//! calendar entry and the guid of a schedule entry are the same UUIDv5,
//! derived from the event (its start and title) and the programme's id, so
//! they survive rebuilds and never collide between programmes, days or
//! events (a reused guid overwrites another talk in schedule apps).

use uuid::Uuid;

use crate::calendar::Date;
use crate::model::{Event, Programme};

/// The programme's UUID; with `occurrence`, the UUID of its entry on that
/// day (a multi-day programme is listed on each of its days).
pub fn guid(event: &Event, programme: &Programme, occurrence: Option<Date>) -> Uuid {
    let mut name = format!(
        "rooz:{}:{}:{}",
        event.start.iso_code(),
        event.title,
        programme.id
    );
    if let Some(day) = occurrence {
        name.push(':');
        name.push_str(&day.iso_code());
    }
    Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
}

/// The UUID of anything else the event names (a venue, a headquarters).
pub fn named(event: &Event, kind: &str, name: &str) -> Uuid {
    let name = format!(
        "rooz:{}:{}:{kind}:{name}",
        event.start.iso_code(),
        event.title
    );
    Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes())
}
