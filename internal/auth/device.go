package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// A device token marks a browser that has logged in as a user before, so
// that the login throttle can let the owner in while the name is under
// attack from elsewhere (OWASP "device cookies"). It is signed with a key
// drawn from the user's password hash: it needs no table, holds across
// restarts and servers, and every token dies with a password change.

// DeviceLifetime is how long a browser stays known after a login.
const DeviceLifetime = 180 * 24 * time.Hour

func deviceMAC(passwordHash, name string, issued int64) []byte {
	key := sha256.Sum256([]byte("zhen device token\x00" + passwordHash))
	m := hmac.New(sha256.New, key[:])
	m.Write([]byte(name + "\x00" + strconv.FormatInt(issued, 10)))
	return m.Sum(nil)
}

// NewDeviceToken returns the token for a login of name, whose password
// hash is passwordHash, at now.
func NewDeviceToken(name, passwordHash string, now time.Time) string {
	issued := now.Unix()
	return base64.RawURLEncoding.EncodeToString([]byte(name)) + "." + strconv.FormatInt(issued, 10) + "." +
		base64.RawURLEncoding.EncodeToString(deviceMAC(passwordHash, name, issued))
}

// DeviceKnows says whether token was given to a login of name with the
// current password hash, less than DeviceLifetime before now.
func DeviceKnows(token, name, passwordHash string, now time.Time) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || passwordHash == "" {
		return false
	}
	n, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	issued, err2 := strconv.ParseInt(parts[1], 10, 64)
	mac, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || string(n) != name {
		return false
	}
	if age := now.Sub(time.Unix(issued, 0)); age < 0 || age > DeviceLifetime {
		return false
	}
	return hmac.Equal(mac, deviceMAC(passwordHash, name, issued))
}
