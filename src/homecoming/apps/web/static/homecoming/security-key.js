// Security keys (WebAuthn) for the forms that ask for one: <form data-webauthn="create">
// registers a key, <form data-webauthn="get"> logs in with one. The server's options are
// in data-webauthn-options (JSON, as py_webauthn writes them: binary fields in base64url);
// the key's answer goes into the form's hidden "credential" field as JSON and the form is
// sent. A file, not an inline script: the CSP allows scripts from this site only.
(function () {
  "use strict";

  function bytesOf(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i += 1) { bytes[i] = text.charCodeAt(i); }
    return bytes.buffer;
  }

  function base64urlOf(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i += 1) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBytes(descriptors) {
    return (descriptors || []).map(function (descriptor) {
      return Object.assign({}, descriptor, { id: bytesOf(descriptor.id) });
    });
  }

  function publicKeyOptions(options, ceremony) {
    var publicKey = Object.assign({}, options, { challenge: bytesOf(options.challenge) });
    if (ceremony === "create") {
      publicKey.user = Object.assign({}, options.user, { id: bytesOf(options.user.id) });
      publicKey.excludeCredentials = withBytes(options.excludeCredentials);
    } else {
      publicKey.allowCredentials = withBytes(options.allowCredentials);
    }
    return publicKey;
  }

  function answerOf(credential) {
    var response = credential.response;
    var answer = {
      id: credential.id,
      rawId: base64urlOf(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || null,
      response: { clientDataJSON: base64urlOf(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      answer.response.attestationObject = base64urlOf(response.attestationObject);
      answer.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      answer.response.authenticatorData = base64urlOf(response.authenticatorData);
      answer.response.signature = base64urlOf(response.signature);
      answer.response.userHandle = response.userHandle ? base64urlOf(response.userHandle) : null;
    }
    return answer;
  }

  function say(form, text) {
    var place = form.querySelector("[data-webauthn-error]");
    if (place) {
      place.textContent = text;
      place.hidden = false;
    }
  }

  function ask(form) {
    var ceremony = form.getAttribute("data-webauthn");
    var options = publicKeyOptions(
      JSON.parse(form.getAttribute("data-webauthn-options")), ceremony
    );
    var request = ceremony === "create"
      ? navigator.credentials.create({ publicKey: options })
      : navigator.credentials.get({ publicKey: options });
    request.then(function (credential) {
      form.querySelector("input[name=credential]").value = JSON.stringify(answerOf(credential));
      form.submit();  // submit() fires no submit event: no second ceremony
    }).catch(function () {
      say(form, form.getAttribute("data-webauthn-failed"));
    });
  }

  document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      say(form, form.getAttribute("data-webauthn-unsupported"));
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(form);
    });
  });
}());
