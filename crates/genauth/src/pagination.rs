//! The lazy pagination behind the generated `<list>_stream` methods: one
//! page is fetched when the stream is polled past the items it holds, until
//! the list's `totalCount` items have come, or an empty page.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::error::Result;

/// A stream of the items of pages `first_page`, `first_page + 1`, ...;
/// `fetch(page)` answers a page's items and the list's `totalCount`. An
/// error is the stream's last item.
pub(crate) fn items<T, F, Fut>(first_page: i64, fetch: F) -> impl Stream<Item = Result<T>>
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<i64>)>>,
{
    let pages = Pages {
        fetch,
        next_page: first_page,
        received: 0,
        buffer: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(pages, |mut pages| async move {
        let item = pages.next().await?;
        Some((item, pages))
    })
}

struct Pages<T, F> {
    fetch: F,
    next_page: i64,
    /// Items received so far, to compare with `totalCount`.
    received: i64,
    buffer: VecDeque<T>,
    done: bool,
}

impl<T, F, Fut> Pages<T, F>
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<i64>)>>,
{
    async fn next(&mut self) -> Option<Result<T>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match (self.fetch)(self.next_page).await {
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
                Ok((page, total)) => {
                    if page.is_empty() {
                        return None;
                    }
                    self.received += i64::try_from(page.len()).unwrap_or(i64::MAX);
                    self.next_page += 1;
                    self.done = total.is_some_and(|total| self.received >= total);
                    self.buffer.extend(page);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt as _;

    use super::*;
    use crate::error::Error;

    fn run<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime") // ok: test
            .block_on(future)
    }

    #[test]
    fn pages_are_fetched_until_the_total_and_no_further() {
        let mut asked = Vec::new();
        let all: Vec<i64> = run(items(1, |page| {
            asked.push(page);
            let first = (page - 1) * 2;
            async move { Ok((vec![first, first + 1], Some(5))) }
        })
        .map(|item| item.expect("an item")) // ok: test
        .collect());
        assert_eq!(all, [0, 1, 2, 3, 4, 5]);
        assert_eq!(asked, [1, 2, 3], "three pages reach the total of 5");
    }

    #[test]
    fn an_empty_page_ends_the_stream_and_an_error_is_its_last_item() {
        let empty: Vec<Result<i64>> = run(items(3, |_| async { Ok((Vec::new(), None)) }).collect());
        assert!(empty.is_empty());

        let failed: Vec<Result<i64>> = run(items(1, |page| async move {
            if page == 1 {
                Ok((vec![7], None))
            } else {
                Err(Error::InvalidRequest {
                    operation: "list",
                    reason: "page two failed".to_owned(),
                })
            }
        })
        .collect());
        assert_eq!(failed.len(), 2);
        assert!(matches!(failed[0], Ok(7)));
        assert!(failed[1].is_err());
    }
}
