// Privacy-friendly embeds: a video or post is a plain link card until the
// reader clicks it; only then is the provider's player loaded. The iframe
// address is built from the provider's name and a checked id, never from
// anything else in the page. Without JavaScript the card is just a link.
(function () {
  'use strict';
  var players = {
    youtube: function (id) { return 'https://www.youtube-nocookie.com/embed/' + id + '?autoplay=1'; },
    x: function (id) { return 'https://platform.twitter.com/embed/Tweet.html?id=' + id; },
    instagram: function (id) { return 'https://www.instagram.com/p/' + id + '/embed'; },
    facebook: function (id) { return 'https://www.facebook.com/video/embed?video_id=' + id; }
  };
  document.addEventListener('click', function (event) {
    var card = event.target.closest && event.target.closest('figure.embed a.embed-card');
    if (!card) return;
    var figure = card.parentNode;
    var provider = figure.getAttribute('data-embed-provider');
    var id = figure.getAttribute('data-embed-id') || '';
    if (!players.hasOwnProperty(provider) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return;
    event.preventDefault();
    var frame = document.createElement('iframe');
    frame.src = players[provider](id);
    frame.title = card.textContent.trim();
    frame.allow = 'autoplay; encrypted-media; picture-in-picture';
    frame.allowFullscreen = true;
    frame.loading = 'lazy';
    frame.className = 'embed-frame embed-frame--' + provider;
    figure.replaceChild(frame, card);
  });
})();
