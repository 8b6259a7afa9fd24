// Device registration (IMEI), in the manual's menu order after the two MyKcell bans: one entry,
// which opens the number's Device registration (IMEI) screen (screens/devices.js), where the
// registration's own actions are. Viewing needs no portal (the page is cached); the screen's
// buttons that change anything do, and say so offline.

export const DEVICE_ACTIONS = [
  {
    id: "devices", needsPortal: false,
    label: () => "menu.devices",
    allowed: () => true,
    run: (n, host) => host.go("devices", { msisdn: n.msisdn }),
  },
];
