// Provisional (from the interface), replaced by `npm run abis` once the contract is built.

/** ABI of the `TrustReceipts` contract. */
export const trustReceiptsAbi = [
  {
    "inputs": [
      {
        "name": "deadline",
        "type": "uint256"
      },
      {
        "name": "nowTimestamp",
        "type": "uint256"
      }
    ],
    "name": "RailsExpired",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "signer",
        "type": "address"
      }
    ],
    "name": "RailsInvalidSignature",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "RailsNotVerified",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "RailsZeroAddress",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "RailsZeroAmount",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "selector",
        "type": "bytes4"
      }
    ],
    "name": "TrustReceiptActionNotAllowed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "holder",
        "type": "address"
      }
    ],
    "name": "TrustReceiptBankNotHolder",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptEblNotBack",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "dueDate",
        "type": "uint64"
      }
    ],
    "name": "TrustReceiptInDefault",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "dueDate",
        "type": "uint64"
      }
    ],
    "name": "TrustReceiptInvalidDueDate",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "status",
        "type": "uint8"
      }
    ],
    "name": "TrustReceiptInvalidStatus",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "bank",
        "type": "address"
      }
    ],
    "name": "TrustReceiptNoTitle",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "TrustReceiptNotBank",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "TrustReceiptNotImporter",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "dueDate",
        "type": "uint64"
      }
    ],
    "name": "TrustReceiptNotInDefault",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "outstanding",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptOverpayment",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptStraightBill",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "registry",
        "type": "address"
      }
    ],
    "name": "TrustReceiptWrongRegistry",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "outstanding",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptDefaulted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "bank",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "token",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "dueDate",
        "type": "uint64"
      },
      {
        "indexed": false,
        "name": "loanReference",
        "type": "bytes32"
      }
    ],
    "name": "TrustReceiptOpened",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "bank",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "outstanding",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptRecalled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "bank",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "outstanding",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptReleased",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      }
    ],
    "name": "TrustReceiptRepaid",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "payer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "repaid",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptRepayment",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptResumed",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "bank",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "outstanding",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptReturned",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "bank",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptSurrendered",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "name": "importer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TrustReceiptTitleDelivered",
    "type": "event"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "bank",
            "type": "address"
          },
          {
            "name": "importer",
            "type": "address"
          },
          {
            "name": "registry",
            "type": "address"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "dueDate",
            "type": "uint64"
          },
          {
            "name": "loanReference",
            "type": "bytes32"
          },
          {
            "name": "nonce",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          }
        ],
        "name": "terms",
        "type": "tuple"
      }
    ],
    "name": "hashTerms",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "markDefaulted",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "nonces",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "bank",
            "type": "address"
          },
          {
            "name": "importer",
            "type": "address"
          },
          {
            "name": "registry",
            "type": "address"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "dueDate",
            "type": "uint64"
          },
          {
            "name": "loanReference",
            "type": "bytes32"
          },
          {
            "name": "nonce",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          }
        ],
        "name": "terms",
        "type": "tuple"
      },
      {
        "name": "importerSignature",
        "type": "bytes"
      }
    ],
    "name": "open",
    "outputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "recall",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "receiptOf",
    "outputs": [
      {
        "components": [
          {
            "name": "bank",
            "type": "address"
          },
          {
            "name": "dueDate",
            "type": "uint64"
          },
          {
            "name": "status",
            "type": "uint8"
          },
          {
            "name": "importer",
            "type": "address"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "repaid",
            "type": "uint256"
          }
        ],
        "name": "",
        "type": "tuple"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "receiptOfEbl",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "registry",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "release",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "components": [
          {
            "name": "method",
            "type": "uint8"
          },
          {
            "name": "validAfter",
            "type": "uint256"
          },
          {
            "name": "deadline",
            "type": "uint256"
          },
          {
            "name": "nonce",
            "type": "bytes32"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "auth",
        "type": "tuple"
      }
    ],
    "name": "repay",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "resume",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "returnToBank",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "receiptId",
        "type": "bytes32"
      }
    ],
    "name": "surrenderForDelivery",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;
