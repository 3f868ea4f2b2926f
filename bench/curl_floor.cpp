// The floor for any libcurl-based load engine: keep-alive GETs on N connections of one libcurl
// multi handle on one thread, no JavaScript, no metrics, responses thrown away. The HTTP
// throughput benchmark runs it beside wrk and Stampede to show how much of the gap to wrk is
// libcurl's own cost per request.
//
//   bench_curl_floor URL CONNECTIONS SECONDS   -> prints "requests N"

#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

size_t discard(char *, size_t size, size_t n, void *)
{
    return size * n;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s URL CONNECTIONS SECONDS\n", argv[0]);
        return 2;
    }
    const char *url = argv[1];
    const int connections = std::atoi(argv[2]);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoi(argv[3]));
    curl_global_init(CURL_GLOBAL_ALL);
    CURLM *multi = curl_multi_init();
    for (int i = 0; i < connections; ++i) {
        CURL *easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &discard);
        curl_multi_add_handle(multi, easy);
    }
    long requests = 0, failed = 0;
    while (std::chrono::steady_clock::now() < until) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL *easy = msg->easy_handle;
            (msg->data.result == CURLE_OK ? requests : failed)++;
            curl_multi_remove_handle(multi, easy);
            curl_multi_add_handle(multi, easy); // the next request, on the same connection
        }
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    std::printf("requests %ld\nfailed %ld\n", requests, failed);
    return failed > 0 ? 1 : 0;
}
