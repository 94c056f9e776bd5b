// Provisional (from the interface), replaced by `npm run abis` once the contract is built.

/** ABI of the `PaymentObligations` contract. */
export const paymentObligationsAbi = [
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "avalist",
        "type": "address"
      }
    ],
    "name": "ObligationAlreadyAvalised",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "ObligationAlreadyIssued",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "ObligationAlreadyPaid",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "validAfter",
        "type": "uint256"
      },
      {
        "name": "validBefore",
        "type": "uint256"
      },
      {
        "name": "maturity",
        "type": "uint64"
      }
    ],
    "name": "ObligationAuthorizationMismatch",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "ObligationInsufficientGas",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "ObligationInvalidHolder",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "maturity",
        "type": "uint64"
      },
      {
        "name": "nowTimestamp",
        "type": "uint256"
      }
    ],
    "name": "ObligationInvalidMaturity",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "status",
        "type": "uint8"
      }
    ],
    "name": "ObligationInvalidStatus",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "ObligationNotAvalist",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "buyer",
        "type": "address"
      },
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "ObligationNotBuyer",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "ObligationNotDrawee",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "maturity",
        "type": "uint64"
      },
      {
        "name": "nowTimestamp",
        "type": "uint256"
      }
    ],
    "name": "ObligationNotDue",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "ObligationNotFound",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "ObligationNotHolder",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "ObligationNotVerifiedBank",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "price",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "ObligationPriceAboveAmount",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "method",
        "type": "uint8"
      }
    ],
    "name": "ObligationUnsupportedArrangement",
    "type": "error"
  },
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
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "avalist",
        "type": "address"
      }
    ],
    "name": "ObligationAvalised",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "seller",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "buyer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "price",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "offerHash",
        "type": "bytes32"
      }
    ],
    "name": "ObligationDiscounted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "holder",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "reason",
        "type": "bytes"
      }
    ],
    "name": "ObligationDishonoured",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "drawer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "drawee",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "issuer",
        "type": "address"
      },
      {
        "components": [
          {
            "name": "issuerReference",
            "type": "bytes32"
          },
          {
            "name": "drawer",
            "type": "address"
          },
          {
            "name": "drawee",
            "type": "address"
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
            "name": "maturity",
            "type": "uint64"
          },
          {
            "name": "registry",
            "type": "address"
          },
          {
            "name": "eblTokenId",
            "type": "uint256"
          }
        ],
        "indexed": false,
        "name": "terms",
        "type": "tuple"
      },
      {
        "indexed": false,
        "name": "method",
        "type": "uint8"
      }
    ],
    "name": "ObligationIssued",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "obligationId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "payer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "holder",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "late",
        "type": "bool"
      }
    ],
    "name": "ObligationPaid",
    "type": "event"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "avalise",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "collect",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "obligationId",
            "type": "uint256"
          },
          {
            "name": "buyer",
            "type": "address"
          },
          {
            "name": "price",
            "type": "uint256"
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
        "name": "offer",
        "type": "tuple"
      },
      {
        "name": "holderSignature",
        "type": "bytes"
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
    "name": "discount",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "obligationId",
            "type": "uint256"
          },
          {
            "name": "buyer",
            "type": "address"
          },
          {
            "name": "price",
            "type": "uint256"
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
        "name": "offer",
        "type": "tuple"
      }
    ],
    "name": "hashDiscount",
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
        "components": [
          {
            "name": "issuerReference",
            "type": "bytes32"
          },
          {
            "name": "drawer",
            "type": "address"
          },
          {
            "name": "drawee",
            "type": "address"
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
            "name": "maturity",
            "type": "uint64"
          },
          {
            "name": "registry",
            "type": "address"
          },
          {
            "name": "eblTokenId",
            "type": "uint256"
          }
        ],
        "name": "terms",
        "type": "tuple"
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
        "name": "arrangement",
        "type": "tuple"
      }
    ],
    "name": "issue",
    "outputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "obligation",
    "outputs": [
      {
        "components": [
          {
            "name": "drawer",
            "type": "address"
          },
          {
            "name": "maturity",
            "type": "uint64"
          },
          {
            "name": "status",
            "type": "uint8"
          },
          {
            "name": "drawee",
            "type": "address"
          },
          {
            "name": "token",
            "type": "address"
          },
          {
            "name": "avalist",
            "type": "address"
          },
          {
            "name": "registry",
            "type": "address"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "eblTokenId",
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
            "name": "arrangement",
            "type": "tuple"
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
        "name": "issuer",
        "type": "address"
      },
      {
        "name": "issuerReference",
        "type": "bytes32"
      }
    ],
    "name": "obligationIdOf",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "pure",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
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
    "name": "pay",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
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
    "name": "payUnderAval",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "obligationId",
        "type": "uint256"
      }
    ],
    "name": "present",
    "outputs": [
      {
        "name": "paid",
        "type": "bool"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "sender",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "ERC721IncorrectOwner",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "operator",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "ERC721InsufficientApproval",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "approver",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidApprover",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "operator",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidOperator",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidOwner",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "receiver",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidReceiver",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "sender",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidSender",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "ERC721NonexistentToken",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "eip712Domain",
    "outputs": [
      {
        "name": "fields",
        "type": "bytes1"
      },
      {
        "name": "name",
        "type": "string"
      },
      {
        "name": "version",
        "type": "string"
      },
      {
        "name": "chainId",
        "type": "uint256"
      },
      {
        "name": "verifyingContract",
        "type": "address"
      },
      {
        "name": "salt",
        "type": "bytes32"
      },
      {
        "name": "extensions",
        "type": "uint256[]"
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
    "name": "ownerOf",
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
        "name": "from",
        "type": "address"
      },
      {
        "name": "to",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "transferFrom",
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
  }
] as const;
