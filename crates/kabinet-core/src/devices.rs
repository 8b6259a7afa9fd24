//! Device (IMEI) registration of a number, as a handle on the account (`account.devices()`):
//! the registration page (the last IMEI seen with the SIM, the status, the registered IMEIs
//! and the request history; cached, so it reads offline), and its four requests: register,
//! re-register from a previous owner, register a duplicate, deregister.
//!
//! Values are checked here before anything is sent, with the domain types the sandbox uses
//! too (`Imei`, `Phone`, `IinBin`), and an error names its field as the portal's request does
//! (`imei`, `previous_owner_msisdn`, `previous_owner_iin`, `terms_accepted`), so the form shows
//! it under that field. Each accepted request is kept for the watcher (`requests().track`),
//! which re-reads this page when it completes.

use crate::action::ActionKind;
use crate::api::{DeviceRegistration, RequestKind, RequestRecord};
use crate::cache::cards::Part;
use crate::cache::Cached;
use crate::client::Call;
use crate::domain::{IinBin, Imei, Phone};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::intents::Intents;
use crate::numbers::Numbers;
use crate::requests::Requests;
use crate::session::Session;

/// The request kinds of device registration.
pub const KINDS: [RequestKind; 4] =
    [RequestKind::ImeiRegister, RequestKind::ImeiReregister, RequestKind::ImeiDuplicate, RequestKind::ImeiDeregister];

/// Device registration of a signed-in account; get it with [`crate::account::Account::devices`].
#[derive(Clone, Copy)]
pub struct Devices<'a> {
    session: &'a Session,
}

fn imei(raw: &str) -> Result<Imei> {
    Imei::parse(raw).map_err(|e| Error::from(e).with_field("imei"))
}

fn terms(accepted: bool) -> Result<()> {
    if accepted {
        return Ok(());
    }
    Err(Error::invalid_field(ErrorCode::InvalidInput, "terms_accepted", "Read and accept the terms first.")
        .with_reason(Reason::TermsNotAccepted))
}

impl<'a> Devices<'a> {
    pub(crate) fn new(session: &'a Session) -> Self {
        Self { session }
    }

    /// The number's registration page: portal first, the cached copy when it cannot be reached.
    pub async fn get(&self, msisdn: &str) -> Result<Cached<DeviceRegistration>> {
        let numbers = Numbers::new(self.session);
        let number = numbers.checked(msisdn)?;
        let fetched = self.session.client.devices(&number.phone).await.and_then(|page| {
            if page.msisdn == number.phone.as_str() {
                return Ok(page);
            }
            Err(Error::new(
                ErrorCode::InvalidResponse,
                format!("The portal answered about {:?} in `msisdn` when asked about {}.", page.msisdn, number.phone),
            ))
        });
        numbers.read_through(&number, Part::Devices, fetched).await
    }

    /// Registers the device `imei` (the last one seen with the SIM) with the number.
    pub async fn register(&self, msisdn: &str, imei_raw: &str) -> Result<RequestRecord> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let imei = imei(imei_raw)?;
        self.started(ActionKind::DeviceRegister, &number.phone, Call::register_device(&number.phone, &imei)).await
    }

    /// Re-registers the device from its previous owner (their number and IIN/BIN) to the
    /// company and this number, once the terms are accepted.
    pub async fn reregister(
        &self,
        msisdn: &str,
        imei_raw: &str,
        previous_owner_msisdn: &str,
        previous_owner_iin: &str,
        terms_accepted: bool,
    ) -> Result<RequestRecord> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let imei = imei(imei_raw)?;
        let owner =
            Phone::parse(previous_owner_msisdn).map_err(|e| Error::from(e).with_field("previous_owner_msisdn"))?;
        let iin = IinBin::parse(previous_owner_iin).map_err(|e| Error::from(e).with_field("previous_owner_iin"))?;
        terms(terms_accepted)?;
        let call = Call::reregister_device(&number.phone, &imei, &owner, &iin);
        self.started(ActionKind::DeviceReregister, &number.phone, call).await
    }

    /// Registers the device with this number too, keeping its current registration, once the
    /// terms are accepted.
    pub async fn register_duplicate(
        &self,
        msisdn: &str,
        imei_raw: &str,
        terms_accepted: bool,
    ) -> Result<RequestRecord> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let imei = imei(imei_raw)?;
        terms(terms_accepted)?;
        self.started(ActionKind::DeviceDuplicate, &number.phone, Call::register_duplicate(&number.phone, &imei)).await
    }

    /// Deregisters the device from the number.
    pub async fn deregister(&self, msisdn: &str, imei_raw: &str) -> Result<RequestRecord> {
        let number = Numbers::new(self.session).checked(msisdn)?;
        let imei = imei(imei_raw)?;
        self.started(ActionKind::DeviceDeregister, &number.phone, Call::deregister_device(&number.phone, &imei)).await
    }

    /// Sends the user's action (one intent, `crate::intents`); a request the portal accepted
    /// is kept for the watcher, which follows it until it completes. The portal accepted it, so
    /// a cache that fails now must not make it look refused: that is logged, not answered.
    async fn started(&self, action: ActionKind, msisdn: &Phone, call: Call) -> Result<RequestRecord> {
        let request: RequestRecord = Intents::new(self.session).send(action, Some(msisdn.as_str()), call).await?;
        if let Err(e) = Requests::new(self.session).track(&request).await {
            tracing::warn!(code = %e.code_str(), "request not kept for the watcher: {}", e.message);
        }
        Ok(request)
    }
}
